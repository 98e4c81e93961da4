"""A TCP relay on loopback that adds a fixed one-way delay in each direction, as a slow uplink's round trip would.

Usage: python3 bench/delayproxy.py LISTEN_PORT TARGET_PORT DELAY_MS  (both on 127.0.0.1). Every chunk read is
written DELAY_MS later, in order; bandwidth is not limited (loopback's). Used by bench/drain.sh (RTT_MS).
"""
import asyncio
import sys
import time

LISTEN, TARGET, DELAY = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3]) / 1000


async def relay(reader, writer):
    queue = asyncio.Queue()

    async def read():
        while True:
            chunk = await reader.read(65536)
            await queue.put((time.monotonic() + DELAY, chunk))
            if not chunk:
                return

    async def write():
        while True:
            due, chunk = await queue.get()
            wait = due - time.monotonic()
            if wait > 0:
                await asyncio.sleep(wait)
            if not chunk:
                try:
                    writer.write_eof()
                except OSError:
                    pass
                return
            writer.write(chunk)
            await writer.drain()

    await asyncio.gather(read(), write())


async def handle(client_reader, client_writer):
    server_reader, server_writer = await asyncio.open_connection("127.0.0.1", TARGET)
    await asyncio.gather(relay(client_reader, server_writer), relay(server_reader, client_writer), return_exceptions=True)
    client_writer.close()
    server_writer.close()


async def main():
    server = await asyncio.start_server(handle, "127.0.0.1", LISTEN)
    async with server:
        await server.serve_forever()


asyncio.run(main())
