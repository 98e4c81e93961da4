using System.Net;
using DnsClient;

namespace Probe.Checks;

/// <summary>Resolves a host through the device's own resolvers (never the OS, never the reference resolvers).</summary>
internal sealed class HostResolver(DnsCheck dns, IReadOnlyList<ResolverEndpoint> ownResolvers, Func<bool> hasIpv6)
{
    public bool HasIpv6 => hasIpv6();

    public async Task<Resolution> ResolveAsync(string host, IReadOnlyList<IPAddress> pinned, CancellationToken cancellationToken)
    {
        if (Literal(host, pinned) is { } literal)
        {
            return literal;
        }

        var answers = new List<(ResolverEndpoint, QueryType, DnsAnswer)>();
        var ipv6 = HasIpv6;
        foreach (var resolver in ownResolvers)
        {
            var a = await dns.QueryAsync(resolver, host, QueryType.A, cancellationToken);
            answers.Add((resolver, QueryType.A, a));
            if (a.Ok)
            {
                break;
            }

            if (ipv6)
            {
                var aaaa = await dns.QueryAsync(resolver, host, QueryType.AAAA, cancellationToken);
                answers.Add((resolver, QueryType.AAAA, aaaa));
                if (aaaa.Ok)
                {
                    break;
                }
            }
        }

        return Choose(answers);
    }

    /// <summary>A pinned or literal address needs no resolution; null when the host must be resolved.</summary>
    public static Resolution? Literal(string host, IReadOnlyList<IPAddress> pinned)
    {
        if (pinned.Count > 0)
        {
            return Resolution.Pinned(pinned[0]);
        }

        return IPAddress.TryParse(host.Trim('[', ']'), out var literal) ? Resolution.Pinned(literal) : null;
    }

    /// <summary>
    /// Picks, in resolver order, the first usable answer (A before AAAA). When none is usable the later checks
    /// fail with the first own resolver's dns failure: they are reported, not omitted, so a platform blocked by
    /// dns shows up as failing at every step (and the verdict can name how).
    /// </summary>
    public static Resolution Choose(IReadOnlyList<(ResolverEndpoint Resolver, QueryType Type, DnsAnswer Answer)> answers)
    {
        var usable = answers.Where(x => !x.Resolver.Reference && x.Answer.Ok)
            .OrderBy(x => x.Type == QueryType.A ? 0 : 1)
            .FirstOrDefault();
        if (usable.Answer is { } ok)
        {
            return new Resolution(ok.Addresses[0], null, ok.Ms, usable.Resolver.Name);
        }

        var failed = answers.FirstOrDefault(x => !x.Resolver.Reference);
        return failed.Answer is { } first
            ? new Resolution(null, first.Failure, first.Ms, failed.Resolver.Name)
            : new Resolution(null, Failures.DnsNoAnswer, null, null);
    }
}
