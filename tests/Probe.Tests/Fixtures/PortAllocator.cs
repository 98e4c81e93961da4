using System.Net;
using System.Net.Sockets;

namespace Probe.Tests.Fixtures;

/// <summary>Finds a port free for both TCP and UDP on a loopback address, for servers that need a fixed port.</summary>
public static class PortAllocator
{
    public static int Next(IPAddress address)
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            using var tcp = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            tcp.Bind(new IPEndPoint(address, 0));
            var port = ((IPEndPoint)tcp.LocalEndPoint!).Port;
            try
            {
                using var udp = new Socket(address.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
                udp.Bind(new IPEndPoint(address, port));
                return port;
            }
            catch (SocketException)
            {
                // Taken for UDP: try another.
            }
        }

        throw new InvalidOperationException($"no port free for both TCP and UDP on {address}");
    }
}
