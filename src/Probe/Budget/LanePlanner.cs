namespace Probe.Budget;

/// <summary>Plans the lanes within the day's budget: a pure function of the budget, what was spent, the time of day, the last coverage and what passes cost.</summary>
/// <remarks>
/// <para>Three lanes, each for one detection goal of PROBE.md section 1, "What it costs", cheapest first:</para>
/// <list type="bullet">
/// <item><b>Sentinels</b> (Schedule.SentinelInterval, 10 s): tcp connects to the national and international sentinels, closed
/// with a reset; a change of picture is confirmed by a second pass at once, so a shutdown or an international cut is
/// committed within one interval plus two passes (under 30 s at the defaults, even when every packet is dropped).</item>
/// <item><b>Platform watch</b> (9 min): every platform target and the sentinels as controls; dns at the device's own
/// resolvers, tcp, and a TLS handshake (resumed: tickets live an hour, the watch comes back within minutes), no http. A
/// block is seen by the next watch and confirmed by an immediate second one: committed within 10 minutes.</item>
/// <item><b>Coverage</b>: the whole catalog (every resolver, http up to the body limit), at least every 6 hours
/// (CoverageMax), faster when money is left, down to Schedule.RoundInterval.</item>
/// </list>
/// <para>The rest of the day is paid in this order. First the <b>base</b>: the sentinels and the watch at their rhythm for the
/// time left, and the coverage rounds still due at 6 hours, counted as whole rounds from the last one's start (a round is
/// paid in one lump of about a megabyte: counting it as a rate would make the plan look rich just before a round and poor
/// just after it). Then the <b>reserve</b> (10 % of the budget, pro rata of the day left) for the confirmations anomalies ask
/// for. What is left after both buys whole extra coverage rounds, spread over the rest of the day. So the base never
/// waits for coverage: only an anomaly that spent more than the reserve (or passes dearer than measured) can stretch it,
/// and then the watch stretches first (to 30 minutes), then the sentinels (to 30 s). When even that cannot be paid, the
/// day is <b>exhausted</b>: the sentinels alone run at their slowest until the day ends (the one spending the budget does
/// not stop: a probe blind during a shutdown is useless). The plan is recomputed after every pass with what the meter
/// measured (the lanes' own passes on a working link: <see cref="LaneCosts.After"/>).</para>
/// <para>Without a budget (Budget.DailyBytes 0) there is no watch lane and every round covers the whole catalog at
/// Schedule.RoundInterval: the behaviour before budgets.</para>
/// </remarks>
internal static class LanePlanner
{
    public static readonly TimeSpan Day = TimeSpan.FromDays(1);

    /// <param name="dailyBytes">Budget.DailyBytes; 0 for no budget.</param>
    /// <param name="spentToday">Bytes spent today, upload included.</param>
    /// <param name="elapsedInDay">Time since the day's start.</param>
    /// <param name="sinceCoverage">Time since the last coverage round started; null when none is known (one is due now).</param>
    /// <param name="costs">What passes cost, as measured.</param>
    /// <param name="limits">The lanes' bounds.</param>
    public static LanePlan Plan(long dailyBytes, long spentToday, TimeSpan elapsedInDay, TimeSpan? sinceCoverage, LaneCosts costs, LaneLimits limits)
    {
        if (dailyBytes <= 0)
        {
            return new LanePlan(limits.Sentinel, null, limits.CoverageMin, Budgeted: false, Exhausted: false);
        }

        var left = Math.Max(1, (Day - elapsedInDay).TotalSeconds);
        var since = Math.Max(0, (sinceCoverage ?? limits.CoverageMax).TotalSeconds);
        var upload = 1 + costs.UploadShare;
        var round = Math.Max(1, upload * costs.CoverageRound);
        double Lane(double pass, TimeSpan interval) => upload * pass * left / interval.TotalSeconds;

        var money = (double)(dailyBytes - spentToday);
        var committed = Rounds(left, since, limits.CoverageMax.TotalSeconds) * round;
        var sentinel = Lane(costs.SentinelPass, limits.Sentinel);
        var watch = Lane(costs.WatchPass, limits.Watch);
        var spare = money - sentinel - watch - committed;
        if (spare >= 0)
        {
            var reserve = limits.ReserveShare * dailyBytes * (left / Day.TotalSeconds);
            var rounds = Rounds(left, since, limits.CoverageMax.TotalSeconds) + Math.Floor(Math.Max(0, spare - reserve) / round);
            var coverage = Interval(left, since, rounds, limits);
            return Budgeted(limits.Sentinel, coverage <= limits.Watch ? null : limits.Watch, coverage);
        }

        var watchAtMax = Lane(costs.WatchPass, limits.WatchMax);
        if (money - sentinel - committed >= watchAtMax)
        {
            var stretched = Seconds(upload * costs.WatchPass * left / (money - sentinel - committed), limits.Watch, limits.WatchMax);
            return Budgeted(limits.Sentinel, stretched, limits.CoverageMax);
        }

        if (money - watchAtMax - committed >= Lane(costs.SentinelPass, limits.SentinelMax))
        {
            var slower = Seconds(upload * costs.SentinelPass * left / (money - watchAtMax - committed), limits.Sentinel, limits.SentinelMax);
            return Budgeted(slower, limits.WatchMax, limits.CoverageMax);
        }

        return new LanePlan(limits.SentinelMax, null, limits.CoverageMax, Budgeted: true, Exhausted: true);
    }

    /// <summary>Rounds that start before the day ends when they come every <paramref name="interval"/> seconds from the last one, <paramref name="since"/> seconds ago.</summary>
    private static double Rounds(double left, double since, double interval)
    {
        var due = Math.Max(0, interval - since);
        return due < left ? Math.Ceiling((left - due) / interval) : 0;
    }

    /// <summary>A coverage interval that starts <paramref name="rounds"/> rounds before the day ends, CoverageMax when that is all that is due.</summary>
    /// <remarks>
    /// The intervals giving exactly that many rounds run from the shortest that gives no more to the shortest that gives one
    /// fewer: the middle of that range is taken, so that the agenda's jitter (which brings a round forward) cannot slip in
    /// a round that was not paid for before the day ends.
    /// </remarks>
    private static TimeSpan Interval(double left, double since, double rounds, LaneLimits limits)
    {
        var max = limits.CoverageMax.TotalSeconds;
        if (Rounds(left, since, max) >= rounds)
        {
            return limits.CoverageMax;
        }

        var middle = (Shortest(left, since, rounds, limits) + Math.Min(max, Shortest(left, since, rounds - 1, limits))) / 2;
        return TimeSpan.FromSeconds(Math.Ceiling(Math.Max(middle, limits.CoverageMin.TotalSeconds)));
    }

    /// <summary>The shortest interval, seconds, at which no more than <paramref name="rounds"/> rounds start before the day ends.</summary>
    private static double Shortest(double left, double since, double rounds, LaneLimits limits)
    {
        double low = limits.CoverageMin.TotalSeconds, high = Math.Max(since + left, limits.CoverageMax.TotalSeconds);
        if (Rounds(left, since, low) <= rounds)
        {
            return low;
        }

        for (var i = 0; i < 40; i++)
        {
            var middle = (low + high) / 2;
            (low, high) = Rounds(left, since, middle) <= rounds ? (low, middle) : (middle, high);
        }

        return high;
    }

    private static LanePlan Budgeted(TimeSpan sentinel, TimeSpan? watch, TimeSpan coverage) => new(sentinel, watch, coverage, Budgeted: true, Exhausted: false);

    private static TimeSpan Seconds(double seconds, TimeSpan min, TimeSpan max)
    {
        var span = double.IsFinite(seconds) && seconds < max.TotalSeconds ? TimeSpan.FromSeconds(seconds) : max;
        return span < min ? min : span;
    }
}
