using System.Net.Security;
using System.Net.Sockets;

namespace Probe.Checks;

/// <summary>
/// The one connection a URL target's checks share: the tcp check opens it, the tls check secures it, the http check
/// sends its GET over it. One handshake of each kind per round instead of three connects and two TLS handshakes.
/// </summary>
internal sealed class TargetConnection(Socket socket, long startedAt, double connectMs) : IAsyncDisposable
{
    /// <summary>
    /// Bounds what a server pushes past the body limit on a metered link: a server can send little more than the
    /// window before the probe resets the connection; 16 KiB still reads 64 KiB in a few round trips.
    /// </summary>
    public const int ReceiveBufferBytes = 16 * 1024;

    /// <summary>Room for a TLS server's first flight (certificate chain included) in one window, so tls_ms is one round trip.</summary>
    public const int HandshakeBufferBytes = 8 * 1024;

    /// <summary>
    /// The receive buffer to connect with: about the body limit, between <see cref="HandshakeBufferBytes"/> and
    /// <see cref="ReceiveBufferBytes"/>. It must be small from the SYN on: a window once advertised cannot be taken
    /// back, so narrowing it after the handshake alone still lets a server push the larger window's worth.
    /// </summary>
    public static int ConnectBufferBytes(int bodyLimitBytes) => Math.Clamp(bodyLimitBytes, HandshakeBufferBytes, ReceiveBufferBytes);

    public Socket Socket => socket;

    /// <summary>What the http check reads and writes: the socket's stream, or the TLS stream once secured.</summary>
    public Stream Stream { get; private set; } = new NetworkStream(socket, ownsSocket: true);

    /// <summary>When the connect began (TimeProvider timestamp): the http check's phases count from here.</summary>
    public long StartedAt => startedAt;

    public double ConnectMs => connectMs;

    /// <summary>The handshake time, once the tls check secured the connection.</summary>
    public double? TlsMs { get; private set; }

    public void Secure(SslStream ssl, double tlsMs)
    {
        Stream = ssl;
        TlsMs = tlsMs;
    }

    /// <summary>
    /// Closes at once with a reset and nothing else: the socket is closed under its stream, because disposing a
    /// NetworkStream first shuts the socket down (a FIN) and would send both. At the body limit this stops the server
    /// pushing the rest of a page; after a bare connect it is one packet instead of a FIN exchange each way.
    /// </summary>
    public static void Abort(Socket socket)
    {
        try
        {
            socket.LingerState = new LingerOption(true, 0);
        }
        catch (ObjectDisposedException)
        {
            return;
        }

        socket.Dispose();
    }

    public ValueTask DisposeAsync() => Stream.DisposeAsync();
}
