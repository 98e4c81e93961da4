using System.Net;
using System.Net.Sockets;

namespace Probe.Checks;

/// <summary>Opens one TCP connection, measuring only the handshake.</summary>
internal static class TcpConnector
{
    /// <summary>
    /// Connects or throws. The socket is created before the first await on purpose: a test running this on a
    /// thread inside a network namespace gets a socket of that namespace.
    /// </summary>
    public static async Task<Socket> ConnectAsync(IPEndPoint endpoint, CancellationToken cancellationToken)
    {
        var socket = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(endpoint, cancellationToken);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
