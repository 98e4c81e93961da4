namespace Probe.Checks;

/// <summary>The kernel and resolver files the checks read; tests point them at their own copies.</summary>
/// <param name="ResolvConf">Nameservers of the "system" resolver.</param>
/// <param name="Ipv4Routes">The IPv4 routing table, for the default gateway.</param>
/// <param name="Ipv6Addresses">Interface IPv6 addresses, to know whether the probe has a global one.</param>
/// <param name="Ipv6Routes">The IPv6 routing table, to know whether the probe has an IPv6 default route.</param>
public sealed record SystemPaths(
    string ResolvConf = "/etc/resolv.conf",
    string Ipv4Routes = "/proc/net/route",
    string Ipv6Addresses = "/proc/net/if_inet6",
    string Ipv6Routes = "/proc/net/ipv6_route")
{
    public static SystemPaths Default { get; } = new();

    /// <summary>The file's text, or empty when it does not exist or cannot be read (e.g. no IPv6 in the kernel).</summary>
    internal static string ReadOrEmpty(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (IOException)
        {
            return "";
        }
        catch (UnauthorizedAccessException)
        {
            return "";
        }
    }
}
