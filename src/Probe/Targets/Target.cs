using System.Net;

namespace Probe.Targets;

/// <summary>One thing the probe measures: a host, how to reach it, and what it stands for.</summary>
/// <param name="Name">Unique name, used as the <c>target</c> tag.</param>
/// <param name="Host">Host name (or literal address) to resolve and connect to.</param>
/// <param name="Url">The URL for http/tls checks; null for plain TCP targets.</param>
/// <param name="Group">national, international or platform.</param>
/// <param name="Platform">Platform name (whatsapp, tiktok, …) for platform targets.</param>
/// <param name="Ports">Ports for tcp checks: from the URL, or configured.</param>
/// <param name="Addresses">Pinned addresses: when set, tcp/tls/http skip resolution.</param>
/// <param name="Sentinel">Whether the sentinel lane checks this target.</param>
/// <param name="Source">Where it came from: <c>defaults</c>, a file path, or <c>config</c>.</param>
public sealed record Target(
    string Name,
    string Host,
    Uri? Url,
    TargetGroup Group,
    string? Platform,
    IReadOnlyList<int> Ports,
    IReadOnlyList<IPAddress> Addresses,
    bool Sentinel,
    string Source)
{
    /// <summary>Whether this target gets a TLS handshake check (https URLs).</summary>
    public bool IsHttps => Url is not null && Url.Scheme == Uri.UriSchemeHttps;

    /// <summary>Whether a round measures this target's download rate (the throughput check, URL targets only).</summary>
    public bool Throughput { get; init; }
}
