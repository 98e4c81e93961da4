using System.Net;

namespace Probe.Checks;

/// <summary>Reads the nameservers of /etc/resolv.conf, the way the C library does.</summary>
internal static class ResolvConf
{
    /// <summary>What glibc uses when resolv.conf names no nameserver.</summary>
    public static IPEndPoint Fallback { get; } = new(IPAddress.Loopback, 53);

    public static IReadOnlyList<IPEndPoint> ParseNameservers(string text)
    {
        var servers = new List<IPEndPoint>();
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line[0] is '#' or ';')
            {
                continue;
            }

            var fields = line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length < 2 || fields[0] != "nameserver")
            {
                continue;
            }

            // A link-local IPv6 server carries its scope ("fe80::1%eth0"); IPAddress understands it.
            if (IPAddress.TryParse(fields[1], out var address))
            {
                servers.Add(new IPEndPoint(address, 53));
            }
        }

        return servers;
    }
}
