namespace Probe.Budget;

/// <summary>Plans the lanes within the day's budget: a pure function of the budget, what was spent, the time of day and what passes cost.</summary>
/// <remarks>
/// <para>Three lanes, each for one detection goal of PROBE.md section 1, "What it costs", cheapest first:</para>
/// <list type="bullet">
/// <item><b>Sentinels</b> (Schedule.SentinelInterval, 10 s): tcp connects to the national and international sentinels, closed
/// with a reset; a change of picture is confirmed by a second pass at once, so a shutdown or an international cut is
/// committed within one interval plus two passes (under 30 s at the defaults, even when every packet is dropped).</item>
/// <item><b>Platform watch</b> (8 min): every platform target and the sentinels as controls; dns at the device's own
/// resolvers, tcp, and a TLS handshake (resumed: tickets live an hour, the watch comes back within minutes), no http. A
/// block is seen by the next watch and confirmed by an immediate second one: committed within 10 minutes.</item>
/// <item><b>Coverage</b>: the whole catalog as today (every resolver, http up to the body limit), as often as what is left
/// pays for, between Schedule.RoundInterval and 6 hours.</item>
/// </list>
/// <para>The rate left for the rest of the day is (budget − spent − reserve) / time left, where the reserve (10 % of the
/// budget, pro rata of the day left) pays for confirmations of anomalies. The sentinels and the watch run at their rhythm;
/// coverage gets what remains. When that is not enough for coverage every 6 hours, the watch stretches (to 30 minutes),
/// then the sentinels (to 30 s). When even that cannot be paid, the day is <b>exhausted</b>: the sentinels alone run at their
/// slowest until the day ends (the one spending the budget does not stop: a probe blind during a shutdown is useless).
/// The plan is recomputed after every pass with what the meter measured, so a day that spent more than planned (a long
/// confirmation, bigger pages) slows down the rest of the day, and one that spent less speeds it up.</para>
/// <para>Without a budget (Budget.DailyBytes 0) there is no watch lane and every round covers the whole catalog at
/// Schedule.RoundInterval: the behaviour before budgets.</para>
/// </remarks>
internal static class LanePlanner
{
    public static readonly TimeSpan Day = TimeSpan.FromDays(1);

    public static LanePlan Plan(long dailyBytes, long spentToday, TimeSpan elapsedInDay, LaneCosts costs, LaneLimits limits)
    {
        if (dailyBytes <= 0)
        {
            return new LanePlan(limits.Sentinel, null, limits.CoverageMin, Budgeted: false, Exhausted: false);
        }

        var left = Math.Max(1, (Day - elapsedInDay).TotalSeconds);
        var reserve = limits.ReserveShare * dailyBytes * (left / Day.TotalSeconds);
        var rate = (dailyBytes - spentToday - reserve) / left / (1 + costs.UploadShare);
        var sentinel = costs.SentinelPass / limits.Sentinel.TotalSeconds;
        var watch = costs.WatchPass / limits.Watch.TotalSeconds;
        var coverageAtMax = costs.CoverageRound / limits.CoverageMax.TotalSeconds;

        if (rate > sentinel + watch + coverageAtMax)
        {
            var coverage = Seconds(costs.CoverageRound / (rate - sentinel - watch), limits.CoverageMin, limits.CoverageMax);
            return Budgeted(limits.Sentinel, coverage <= limits.Watch ? null : limits.Watch, coverage);
        }

        if (rate > sentinel + coverageAtMax + (costs.WatchPass / limits.WatchMax.TotalSeconds))
        {
            var stretched = Seconds(costs.WatchPass / (rate - sentinel - coverageAtMax), limits.Watch, limits.WatchMax);
            return Budgeted(limits.Sentinel, stretched, limits.CoverageMax);
        }

        var watchAtMax = costs.WatchPass / limits.WatchMax.TotalSeconds;
        if (rate > watchAtMax + coverageAtMax + (costs.SentinelPass / limits.SentinelMax.TotalSeconds))
        {
            var slower = Seconds(costs.SentinelPass / (rate - watchAtMax - coverageAtMax), limits.Sentinel, limits.SentinelMax);
            return Budgeted(slower, limits.WatchMax, limits.CoverageMax);
        }

        return new LanePlan(limits.SentinelMax, null, limits.CoverageMax, Budgeted: true, Exhausted: true);
    }

    private static LanePlan Budgeted(TimeSpan sentinel, TimeSpan? watch, TimeSpan coverage) => new(sentinel, watch, coverage, Budgeted: true, Exhausted: false);

    private static TimeSpan Seconds(double seconds, TimeSpan min, TimeSpan max)
    {
        var span = double.IsFinite(seconds) && seconds < max.TotalSeconds ? TimeSpan.FromSeconds(seconds) : max;
        return span < min ? min : span;
    }
}
