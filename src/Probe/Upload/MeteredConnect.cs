using System.Net;
using System.Net.Sockets;
using Probe.Budget;

namespace Probe.Upload;

/// <summary>The upload's connections, opened so that the traffic meter counts them: resolution, handshake, TLS, requests, close.</summary>
internal static class MeteredConnect
{
    /// <summary>A handler whose connections are <see cref="MeteredSocket"/>s adding to the meter's upload account.</summary>
    public static SocketsHttpHandler Handler(TrafficMeter meter) => new()
    {
        ConnectCallback = (context, ct) => ConnectAsync(context.DnsEndPoint, meter, ct),
    };

    private static async ValueTask<Stream> ConnectAsync(DnsEndPoint endpoint, TrafficMeter meter, CancellationToken ct)
    {
        IPAddress[] addresses;
        if (IPAddress.TryParse(endpoint.Host, out var literal))
        {
            addresses = [literal];
        }
        else
        {
            addresses = await Dns.GetHostAddressesAsync(endpoint.Host, ct).ConfigureAwait(false);
            // The system resolver's A and AAAA exchange (a cache may answer it locally; counted all the same).
            meter.AddUpload(2 * DnsTraffic.Exchange(endpoint.Host, ipv6Server: false, DnsTraffic.QueryBytes(endpoint.Host) + 28));
        }

        Exception? last = null;
        foreach (var address in addresses)
        {
            var socket = new MeteredSocket(address.AddressFamily, meter.AddUpload) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(address, endpoint.Port), ct).ConfigureAwait(false);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (Exception e) when (e is SocketException)
            {
                socket.Dispose();
                last = e;
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }

        throw last ?? new SocketException((int)SocketError.HostNotFound);
    }
}
