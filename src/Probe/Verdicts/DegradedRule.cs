using Probe.Checks;

namespace Probe.Verdicts;

/// <summary>degraded: failures or latency well above the probe's own baseline that no stronger state explains.</summary>
internal static class DegradedRule
{
    public static IEnumerable<Finding> Find(
        IReadOnlyList<TargetOutcome> outcomes,
        IReadOnlySet<string> explained,
        LatencyBaseline? baseline,
        VerdictRules rules)
    {
        var known = baseline is null ? null : KnownTargets(baseline);

        // With a baseline, only targets that worked recently count: a site dead for days is its own normal.
        var failing = outcomes
            .Where(o => !o.Reachable && !explained.Contains(o.Name) && (known is null || known.Contains(o.Name)))
            .ToList();
        if (failing.Count >= Math.Max(rules.DegradedMinFailing, Math.Ceiling(rules.DegradedFailingShare * outcomes.Count)))
        {
            yield return new Finding(
                VerdictState.Degraded,
                null,
                FailureTally.SortedNames(failing.Select(o => o.Name)),
                FailureTally.Dominant(failing.Select(o => o.Failure)),
                FailureTally.Dominant(failing.Select(o => o.FailedKind is CheckKind kind ? FailureTally.KindName(kind) : null)));
        }

        if (baseline is null)
        {
            yield break;
        }

        var measured = outcomes
            .Where(o => o.DeepestOk is not null)
            .Select(o => (o.Name, o.DeepestOk!.Ms, Median: baseline.MedianMsByTargetAndKind.TryGetValue(LatencyBaseline.Key(o.Name, o.DeepestOk.Kind), out var median) ? median : (double?)null))
            .Where(m => m.Median is not null)
            .ToList();
        var slow = measured.Where(m => m.Ms > rules.SlowFactor * m.Median!.Value && m.Ms > m.Median!.Value + rules.SlowMarginMs).ToList();
        if (slow.Count > 0 && slow.Count >= Math.Max(rules.SlowMinTargets, Math.Ceiling(rules.SlowShare * measured.Count)))
        {
            // No failure: the targets answered, slowly.
            yield return new Finding(VerdictState.Degraded, null, FailureTally.SortedNames(slow.Select(m => m.Name)), null);
        }
    }

    private static HashSet<string> KnownTargets(LatencyBaseline baseline) =>
        baseline.MedianMsByTargetAndKind.Keys
            .Select(key => key[..Math.Max(0, key.LastIndexOf('/'))])
            .ToHashSet(StringComparer.Ordinal);
}
