using System.Buffers.Binary;
using System.Net.Sockets;

namespace Probe.Budget;

/// <summary>What one TCP connection put on the wire, from the kernel's own counters (TCP_INFO), headers included.</summary>
/// <remarks>
/// The kernel counts segments each way (SYN, SYN-ACK, ACKs, data, retransmissions) and payload bytes sent and received,
/// including what arrived but was never read: exactly what the link carried, without guessing segment sizes. Each segment
/// costs an IP header (20 bytes, 40 over IPv6) and a TCP header (20 bytes, 32 with timestamps; a SYN carries 8 more
/// bytes of options). The close is added by how the socket closes: one RST for an abortive close, FIN and ACK each way
/// otherwise. Where TCP_INFO cannot be read (not Linux), a connect is estimated from its handshake alone.
/// </remarks>
internal static class TcpWire
{
    private const int TcpInfoLevel = 6;
    private const int TcpInfoOption = 11;
    private const int OptionsOffset = 5;
    private const int BytesReceivedOffset = 128;
    private const int SegsOutOffset = 136;
    private const int SegsInOffset = 140;
    private const int BytesSentOffset = 200;
    private const int TimestampsFlag = 1;

    /// <summary>Bytes on the wire so far plus the close to come.</summary>
    public static long Measure(Socket socket, bool abortive)
    {
        var header = (socket.AddressFamily == AddressFamily.InterNetworkV6 ? 40 : 20) + 20;
        Span<byte> info = stackalloc byte[232];
        int length;
        try
        {
            length = socket.GetRawSocketOption(TcpInfoLevel, TcpInfoOption, info);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException or PlatformNotSupportedException)
        {
            return 3 * (header + 12);
        }

        if (length < BytesSentOffset + 8)
        {
            return 3 * (header + 12);
        }

        var segment = header + ((info[OptionsOffset] & TimestampsFlag) != 0 ? 12 : 0);
        long segsOut = BinaryPrimitives.ReadUInt32LittleEndian(info[SegsOutOffset..]);
        long segsIn = BinaryPrimitives.ReadUInt32LittleEndian(info[SegsInOffset..]);
        var sent = (long)BinaryPrimitives.ReadUInt64LittleEndian(info[BytesSentOffset..]);
        var received = (long)BinaryPrimitives.ReadUInt64LittleEndian(info[BytesReceivedOffset..]);
        // A refused or timed-out connect closes with nothing more; an established one sends a RST or a FIN exchange.
        var connected = segsIn > 0 && socket.Connected;
        var close = !connected ? 0 : abortive ? header : 4L * segment;
        // SYN and SYN-ACK carry 8 bytes of options beyond a data segment's.
        return sent + received + ((segsOut + segsIn) * segment) + (segsIn > 0 ? 16 : 8) + close;
    }
}
