using System.Net;
using System.Security.Cryptography.X509Certificates;
using Probe.Configuration;

namespace Probe.Checks;

/// <summary>The checks' options, validated once and frozen: parsed resolvers, bogon allow-list, extra CA roots.</summary>
internal sealed record CheckSettings(
    TimeSpan Timeout,
    int BodyLimitBytes,
    int MaxRedirects,
    int MaxConcurrency,
    IReadOnlyList<ResolverEndpoint> Resolvers,
    BogonRanges Bogons,
    X509Certificate2Collection TrustedRoots,
    string GatewayAddress,
    IReadOnlyList<int> GatewayPorts)
{
    public const int MaxResponseHeadersKilobytes = 32;

    /// <summary>What a throughput check reads at most (Checks.ThroughputBytes).</summary>
    public int ThroughputBytes { get; init; } = 65536;
    private static readonly int[] DefaultGatewayPorts = [53, 80, 443];

    /// <summary>The device's own resolvers (never the reference ones): what tcp/tls/http resolve through.</summary>
    public IReadOnlyList<ResolverEndpoint> OwnResolvers => [.. Resolvers.Where(r => !r.Reference)];

    public static CheckSettings From(ProbeOptions options, SystemPaths paths)
    {
        var checks = options.Checks;
        var resolvers = new List<ResolverEndpoint>();
        foreach (var r in options.Resolvers)
        {
            var servers = ResolverEndpoint.ParseAddress(r.Address, () => SystemPaths.ReadOrEmpty(paths.ResolvConf))
                ?? throw new ArgumentException($"Probe:Resolvers: '{r.Address}' is not 'system', an address or address:port", nameof(options));
            resolvers.Add(new ResolverEndpoint(r.Name.Length > 0 ? r.Name : r.Address, servers, r.Reference));
        }

        // Without a resolver of its own the probe still measures what its users get: the system one.
        if (!resolvers.Any(r => !r.Reference))
        {
            var system = ResolverEndpoint.ParseAddress(ResolverEndpoint.SystemAddress, () => SystemPaths.ReadOrEmpty(paths.ResolvConf))!;
            resolvers.Insert(0, new ResolverEndpoint(ResolverEndpoint.SystemAddress, system, Reference: false));
        }

        return new CheckSettings(
            checks.Timeout,
            checks.HttpBodyLimitBytes,
            checks.MaxRedirects,
            Math.Max(1, options.Schedule.MaxConcurrency),
            resolvers,
            new BogonRanges([.. checks.BogonAllow.Select(IPNetwork.Parse)]),
            LoadRoots(checks.TrustedCaFile),
            options.Gateway.Address,
            options.Gateway.Ports.Count > 0 ? [.. options.Gateway.Ports] : DefaultGatewayPorts)
        {
            ThroughputBytes = checks.ThroughputBytes,
        };
    }

    private static X509Certificate2Collection LoadRoots(string? pemFile)
    {
        var roots = new X509Certificate2Collection();
        if (!string.IsNullOrEmpty(pemFile))
        {
            roots.ImportFromPemFile(pemFile);
        }

        return roots;
    }
}
