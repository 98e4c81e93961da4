using System.Globalization;
using Probe.Checks;
using Probe.Targets;

namespace Probe.Verdicts;

/// <summary>
/// degraded, how throttling: a platform, or the whole international group, far slower than what it is compared with.
/// Rates are medians over a group's or platform's measured targets, so one slow server changes nothing.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>A <b>platform</b> is throttled when its median rate is at most <see cref="VerdictRules.ThrottlingRatio"/> of the
/// international controls' median in the same pass (at least <see cref="VerdictRules.ThrottlingMinControls"/> controls
/// measured) and, once it has a baseline, at most <see cref="VerdictRules.ThrottlingBaselineRatio"/> of its own usual rate:
/// a platform whose servers are always slower than the controls from this line is its own normal.</item>
/// <item>The <b>international</b> group is throttled when its median is at most ThrottlingRatio of the national median in
/// the same pass, or at most ThrottlingRatio of its own baseline while the national targets run at more than
/// ThrottlingBaselineRatio of theirs (when everything is slow, the volunteer's own line is busy: no finding).</item>
/// </list>
/// Neither is called throttled above <see cref="VerdictRules.ThrottlingCeilingKbps"/>. Only targets reachable in the evaluation count (a blocked platform is platform_block, not slow). A rate is a result
/// of kind throughput with a kbps, even one cut by the deadline (the rate it reached).
/// </remarks>
internal static class ThrottlingRule
{
    public const string How = "throttling";

    public static IEnumerable<Finding> Find(
        IReadOnlyList<CheckResult> results, IReadOnlyList<TargetOutcome> outcomes, IReadOnlySet<string> explained, LatencyBaseline? baseline, VerdictRules rules)
    {
        var unreachable = outcomes.Where(o => !o.Reachable).Select(o => o.Name).ToHashSet(StringComparer.Ordinal);
        var rates = results
            .Where(r => r.Kind == CheckKind.Throughput && r.Kbps is not null && r.Group is not null && !unreachable.Contains(r.Target) && !explained.Contains(r.Target))
            .GroupBy(r => r.Target, StringComparer.Ordinal)
            .Select(g => g.Last())
            .ToList();
        var usual = baseline?.MedianKbpsByTarget ?? new Dictionary<string, double>();
        var national = Rates(rates.Where(r => r.Group == TargetGroup.National), usual);
        var international = Rates(rates.Where(r => r.Group == TargetGroup.International), usual);

        var groupFinding = GroupThrottled(national, international, rules);
        if (groupFinding is not null)
        {
            yield return groupFinding;
        }

        if (international.Count < rules.ThrottlingMinControls || groupFinding is not null)
        {
            yield break;
        }

        var platforms = rates
            .Where(r => r.Group == TargetGroup.Platform)
            .GroupBy(r => r.Platform ?? r.Target, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal);
        foreach (var platform in platforms)
        {
            var measured = Rates(platform, usual);
            var ratio = measured.Median / international.Median;
            var toBaseline = measured.UsualMedian is { } own ? measured.Median / own : (double?)null;
            if (measured.Median <= rules.ThrottlingCeilingKbps && ratio <= rules.ThrottlingRatio && (toBaseline is null || toBaseline <= rules.ThrottlingBaselineRatio))
            {
                yield return Throttled(platform.Key, null, measured, ratio);
            }
        }
    }

    private static Finding? GroupThrottled(GroupRates national, GroupRates international, VerdictRules rules)
    {
        if (international.Count == 0 || international.Median > rules.ThrottlingCeilingKbps)
        {
            return null;
        }

        if (national.Count >= rules.ThrottlingMinControls && international.Median / national.Median is var toNational && toNational <= rules.ThrottlingRatio)
        {
            return Throttled(null, TargetGroupNames.ToName(TargetGroup.International), international, toNational);
        }

        var nationalAsUsual = national.UsualMedian is { } nationalUsual && national.Median > rules.ThrottlingBaselineRatio * nationalUsual;
        if (international.UsualMedian is { } usual && nationalAsUsual && international.Median / usual is var toBaseline && toBaseline <= rules.ThrottlingRatio)
        {
            return Throttled(null, TargetGroupNames.ToName(TargetGroup.International), international, toBaseline);
        }

        return null;
    }

    private static Finding Throttled(string? platform, string? group, GroupRates rates, double ratio) => new(
        VerdictState.Degraded,
        platform,
        rates.Targets,
        null,
        FailureTally.KindName(CheckKind.Throughput),
        How: How,
        Group: group,
        Ratio: double.Parse(ratio.ToString("G3", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture));

    private static GroupRates Rates(IEnumerable<CheckResult> results, IReadOnlyDictionary<string, double> usual)
    {
        var list = results.ToList();
        var known = list.Where(r => usual.ContainsKey(r.Target)).Select(r => usual[r.Target]).ToList();
        return new GroupRates(
            list.Count,
            list.Count == 0 ? 0 : Median(list.Select(r => r.Kbps!.Value)),
            known.Count == 0 ? null : Median(known),
            FailureTally.SortedNames(list.Select(r => r.Target)));
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    private readonly record struct GroupRates(int Count, double Median, double? UsualMedian, IReadOnlyList<string> Targets);
}
