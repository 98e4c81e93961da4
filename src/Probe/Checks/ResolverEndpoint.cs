using System.Net;

namespace Probe.Checks;

/// <summary>A configured resolver made concrete: its name, the servers to ask, and whether it only cross-checks.</summary>
internal sealed record ResolverEndpoint(string Name, IReadOnlyList<IPEndPoint> Servers, bool Reference)
{
    public const string SystemAddress = "system";
    private const int DnsPort = 53;

    /// <summary>Parses "system", "1.1.1.1", "127.0.0.53:5353", "::1" or "[::1]:53"; null when it is none of these.</summary>
    public static IReadOnlyList<IPEndPoint>? ParseAddress(string address, Func<string> readResolvConf)
    {
        if (string.Equals(address, SystemAddress, StringComparison.OrdinalIgnoreCase))
        {
            var servers = ResolvConf.ParseNameservers(readResolvConf());
            return servers.Count > 0 ? servers : [ResolvConf.Fallback];
        }

        if (!IPEndPoint.TryParse(address, out var endpoint))
        {
            return null;
        }

        return [endpoint.Port == 0 ? new IPEndPoint(endpoint.Address, DnsPort) : endpoint];
    }
}
