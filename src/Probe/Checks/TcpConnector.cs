using System.Net;
using System.Net.Sockets;
using Probe.Budget;

namespace Probe.Checks;

/// <summary>Opens one TCP connection, measuring only the handshake.</summary>
internal static class TcpConnector
{
    /// <summary>
    /// Connects or throws. The socket is created before the first await on purpose: a test running this on a
    /// thread inside a network namespace gets a socket of that namespace.
    /// </summary>
    /// <param name="endpoint">Where to connect.</param>
    /// <param name="cancellationToken">The check's deadline.</param>
    /// <param name="receiveBufferBytes">
    /// A small receive buffer, set before the handshake so the advertised window stays small: a server can then
    /// push little more than the probe reads before it closes, instead of filling megabytes of socket buffers.
    /// </param>
    /// <param name="meter">Where the connection's bytes on the wire are counted when it closes (null: a LAN hop, not counted).</param>
    public static async Task<Socket> ConnectAsync(IPEndPoint endpoint, CancellationToken cancellationToken, int? receiveBufferBytes = null, TrafficMeter? meter = null)
    {
        var socket = meter is null
            ? new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp)
            : new MeteredSocket(endpoint.AddressFamily, meter.ForChecks());
        socket.NoDelay = true;
        if (receiveBufferBytes is { } bytes)
        {
            socket.ReceiveBufferSize = bytes;
        }

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
