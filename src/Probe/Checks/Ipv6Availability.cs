namespace Probe.Checks;

/// <summary>Whether the probe can reach the IPv6 internet at all: a global address and a default route.</summary>
internal static class Ipv6Availability
{
    private const string GlobalScope = "00";

    public static bool Detect(string ifInet6, string ipv6Route) => HasGlobalAddress(ifInet6) && HasDefaultRoute(ipv6Route);

    // /proc/net/if_inet6: address ifindex prefixlen scope flags name; scope 00 is global.
    public static bool HasGlobalAddress(string ifInet6) =>
        ifInet6.Split('\n')
            .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Any(f => f.Length >= 6 && f[3] == GlobalScope && f[5] != "lo" && !f[0].StartsWith("fd", StringComparison.OrdinalIgnoreCase) && !f[0].StartsWith("fc", StringComparison.OrdinalIgnoreCase));

    // /proc/net/ipv6_route: dest destlen src srclen nexthop metric refcnt use flags iface; ::/0 not on lo.
    public static bool HasDefaultRoute(string ipv6Route) =>
        ipv6Route.Split('\n')
            .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Any(f => f.Length >= 10 && f[0].All(c => c == '0') && f[1] == "00" && f[9] != "lo");
}
