using System.Net;
using System.Net.Sockets;

namespace Probe.Tests.Fixtures;

/// <summary>
/// A TCP listener that accepts, reads the client's first bytes (a ClientHello, a request) and then closes or resets:
/// what a censoring middlebox does after it has seen the SNI.
/// </summary>
public sealed class TcpSaboteur : IDisposable
{
    private readonly Socket _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    private TcpSaboteur(Socket listener, bool reset)
    {
        _listener = listener;
        _loop = AcceptLoopAsync(reset);
    }

    public IPEndPoint EndPoint => (IPEndPoint)_listener.LocalEndPoint!;

    /// <summary>Starts listening on a free port of <paramref name="address"/>; <paramref name="reset"/> sends RST instead of FIN.</summary>
    public static TcpSaboteur Start(IPAddress address, bool reset)
    {
        var listener = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(address, 0));
        listener.Listen(16);
        return new TcpSaboteur(listener, reset);
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Dispose();
        try
        {
            _loop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // The loop ends with the listener.
        }

        _stop.Dispose();
    }

    private async Task AcceptLoopAsync(bool reset)
    {
        var buffer = new byte[4096];
        while (!_stop.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            using (client)
            {
                try
                {
                    await client.ReceiveAsync(buffer, SocketFlags.None, _stop.Token);
                    if (reset)
                    {
                        // Linger 0: close sends RST, not FIN.
                        client.LingerState = new LingerOption(true, 0);
                    }
                    else
                    {
                        client.Shutdown(SocketShutdown.Both);
                    }
                }
                catch (Exception e) when (e is OperationCanceledException or SocketException)
                {
                    // The client gave up first.
                }
            }
        }
    }
}
