using System.Net;
using System.Net.Sockets;

namespace Probe.Tests.Fixtures;

/// <summary>
/// A "resolver" that answers every UDP query with bytes that are not a DNS message (a broken middlebox or a
/// misbehaving server); dnsmasq cannot be made to do that.
/// </summary>
public sealed class GarbageResolver : IDisposable
{
    private readonly Socket _socket;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    private GarbageResolver(Socket socket, byte[] reply)
    {
        _socket = socket;
        _loop = AnswerLoopAsync(reply);
    }

    public IPEndPoint EndPoint => (IPEndPoint)_socket.LocalEndPoint!;

    public string ConfigAddress => EndPoint.ToString();

    /// <summary>Starts on a free port; each reply echoes the query id followed by <paramref name="junk"/>.</summary>
    public static GarbageResolver Start(IPAddress address, byte[] junk)
    {
        var socket = new Socket(address.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(address, 0));
        return new GarbageResolver(socket, junk);
    }

    public void Dispose()
    {
        _stop.Cancel();
        _socket.Dispose();
        try
        {
            _loop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // The loop ends with the socket.
        }

        _stop.Dispose();
    }

    private async Task AnswerLoopAsync(byte[] junk)
    {
        var buffer = new byte[1500];
        EndPoint any = new IPEndPoint(_socket.AddressFamily == AddressFamily.InterNetwork ? IPAddress.Any : IPAddress.IPv6Any, 0);
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                var received = await _socket.ReceiveFromAsync(buffer, SocketFlags.None, any, _stop.Token);
                // Keep the query id so the client reads the reply as the answer to its query, then garbage.
                byte[] reply = [buffer[0], buffer[1], .. junk];
                await _socket.SendToAsync(reply, SocketFlags.None, received.RemoteEndPoint, _stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }
        }
    }
}
