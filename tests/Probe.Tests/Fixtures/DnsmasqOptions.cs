namespace Probe.Tests.Fixtures;

/// <summary>What a test resolver knows: names with their addresses (IPv4 and IPv6 mixed), NXDOMAIN names, and its mode.</summary>
public sealed record DnsmasqOptions
{
    public IReadOnlyDictionary<string, string[]> Records { get; init; } = new Dictionary<string, string[]>();

    public IReadOnlyList<string> NxDomains { get; init; } = [];

    public DnsmasqMode Mode { get; init; } = DnsmasqMode.Answer;
}
