using System.Net;
using Probe.Configuration;

namespace Probe.Checks;

/// <summary>Reads a validated resolver's address the way validation did: "system", ip, ip:port or [v6]:port (port 53 by default).</summary>
public static class ResolverOptionsExtensions
{
    /// <summary>Whether the resolver is the device's /etc/resolv.conf.</summary>
    public static bool IsSystem(this ResolverOptions resolver)
    {
        ArgumentNullException.ThrowIfNull(resolver);
        return resolver.Address.Equals("system", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The resolver's endpoint; null for the system resolver.</summary>
    public static IPEndPoint? EndPoint(this ResolverOptions resolver) =>
        resolver.IsSystem() ? null
        : NetworkText.TryParseResolver(resolver.Address, out var endpoint) ? endpoint
        : throw new FormatException($"'{resolver.Address}' is not a resolver address; validate the configuration first.");
}
