using Probe.Budget;
using Probe.Targets;

namespace Probe.Hosting;

/// <summary>Which targets a round of each kind checks.</summary>
internal static class RoundTargets
{
    /// <summary>Every platform target and every sentinel (the controls, national and international).</summary>
    public static IReadOnlyList<Target> Watch(IReadOnlyList<Target> all) =>
        [.. all.Where(t => t.Group == TargetGroup.Platform || t.Sentinel)];

    public static IReadOnlyList<Target> For(RoundKind kind, IReadOnlyList<Target> all, IReadOnlySet<string> affected) => kind switch
    {
        RoundKind.Coverage => all,
        RoundKind.Confirmation when affected.Count > 0 => [.. all.Where(t => t.Sentinel || affected.Contains(t.Name))],
        _ => Watch(all),
    };
}
