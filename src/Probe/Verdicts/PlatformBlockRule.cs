using Probe.Checks;
using Probe.Targets;

namespace Probe.Verdicts;

/// <summary>platform_block: most targets of a platform fail while the control targets work.</summary>
internal static class PlatformBlockRule
{
    public static IReadOnlyList<Finding> Find(IReadOnlyList<TargetOutcome> outcomes, VerdictRules rules)
    {
        var findings = new List<Finding>();
        var platforms = outcomes
            .Where(o => o.Group == TargetGroup.Platform)
            .GroupBy(o => o.Platform ?? o.Name, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal);
        foreach (var platform in platforms)
        {
            var judged = platform.Count();
            var failing = platform.Where(o => !o.Reachable).ToList();
            // "Most" is two of three: one flaky host of a platform with several must not block all of it.
            if (failing.Count > 0 && failing.Count >= Math.Ceiling((rules.PlatformFailingShare * judged) - 1e-9))
            {
                findings.Add(new Finding(
                    VerdictState.PlatformBlock,
                    platform.Key,
                    FailureTally.SortedNames(failing.Select(o => o.Name)),
                    FailureTally.Dominant(failing.Select(o => o.Failure)),
                    FailureTally.Dominant(failing.Select(o => o.FailedKind is CheckKind kind ? FailureTally.KindName(kind) : null))));
            }
        }

        return findings;
    }
}
