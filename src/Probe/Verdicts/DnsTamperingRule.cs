using System.Net;
using Probe.Checks;

namespace Probe.Verdicts;

/// <summary>dns_tampering: a system (non-reference) resolver contradicts reference resolvers that agree on addresses.</summary>
internal static class DnsTamperingRule
{
    /// <summary>Findings, one per lying resolver, and the targets they explain.</summary>
    public static (IReadOnlyList<Finding> Findings, IReadOnlySet<string> Targets) Find(
        IReadOnlyList<CheckResult> results, IReadOnlyList<TargetOutcome> outcomes, VerdictRules rules)
    {
        var proven = outcomes.Where(o => o.TlsProven).Select(o => o.Name).ToHashSet(StringComparer.Ordinal);
        var lies = new List<(string Resolver, string Target, string? Failure)>();

        foreach (var lookup in results.Where(r => r.Kind == CheckKind.Dns).GroupBy(r => (Host: r.Host.ToLowerInvariant(), r.QueryType)))
        {
            var references = lookup.Where(r => rules.IsReference(r.Resolver)).ToList();
            var answered = references.Where(r => r.Ok).Select(r => Addresses(r)).Where(a => a.Count > 0).ToList();
            // A reference that says the name does not exist, or none that answered: nothing to compare with.
            if (answered.Count == 0 || references.Any(r => r.Failure == Failures.DnsNxdomain))
            {
                continue;
            }

            var union = answered.SelectMany(a => a).ToHashSet();
            var referencesAgree = answered.Skip(1).Aggregate(new HashSet<IPAddress>(answered[0]), (common, next) => { common.IntersectWith(next); return common; }).Count > 0;

            foreach (var system in lookup.Where(r => !rules.IsReference(r.Resolver)))
            {
                if (system.Failure is Failures.DnsNxdomain or Failures.DnsBogon)
                {
                    lies.Add((system.Resolver ?? "system", system.Target, system.Failure));
                }
                else if (system.Ok && referencesAgree && !proven.Contains(system.Target))
                {
                    // Addresses differ for CDNs too; we only call it a lie when the references agree among
                    // themselves and no certificate for the host was served at the system resolver's address.
                    var own = Addresses(system);
                    if (own.Count > 0 && !own.Overlaps(union))
                    {
                        lies.Add((system.Resolver ?? "system", system.Target, null));
                    }
                }
            }
        }

        var findings = lies
            .GroupBy(l => l.Resolver, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new Finding(
                VerdictState.DnsTampering,
                null,
                FailureTally.SortedNames(g.Select(l => l.Target)),
                FailureTally.Dominant(g.Select(l => l.Failure)),
                FailureTally.KindName(CheckKind.Dns),
                g.Key))
            .ToList();
        return (findings, lies.Select(l => l.Target).ToHashSet(StringComparer.Ordinal));
    }

    private static HashSet<IPAddress> Addresses(CheckResult result)
    {
        var addresses = new HashSet<IPAddress>();
        foreach (var answer in result.Answers)
        {
            if (IPAddress.TryParse(answer, out var address))
            {
                addresses.Add(address);
            }
        }

        return addresses;
    }
}
