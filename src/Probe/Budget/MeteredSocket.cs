using System.Net.Sockets;

namespace Probe.Budget;

/// <summary>A TCP socket that adds what it carried to a <see cref="TrafficMeter"/> when it closes, whichever way it closes.</summary>
/// <remarks>
/// Every close path of the checks ends in <see cref="Socket.Dispose()"/>: a reset (linger 0), a NetworkStream or SslStream
/// that owns the socket, a connect that failed or was cancelled. Counting there is one seam for all of them.
/// </remarks>
internal sealed class MeteredSocket(AddressFamily family, Action<long> add) : Socket(family, SocketType.Stream, ProtocolType.Tcp)
{
    private int _counted;

    protected override void Dispose(bool disposing)
    {
        if (Interlocked.Exchange(ref _counted, 1) == 0)
        {
            bool abortive;
            try
            {
                abortive = LingerState is { Enabled: true, LingerTime: 0 };
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                abortive = false;
            }

            add(TcpWire.Measure(this, abortive));
        }

        base.Dispose(disposing);
    }
}
