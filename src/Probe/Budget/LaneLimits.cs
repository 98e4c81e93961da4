namespace Probe.Budget;

/// <summary>The bounds the planner works within: what detection needs, what the user set, how far a lane may stretch.</summary>
/// <param name="Sentinel">Schedule.SentinelInterval: the sentinels' rhythm while the budget allows it.</param>
/// <param name="SentinelMax">The slowest the sentinels ever run (a cut is then committed within about two of these).</param>
/// <param name="Watch">The platform watch's rhythm: a block is committed within it plus one confirmation.</param>
/// <param name="WatchMax">The slowest the watch runs when the budget is short.</param>
/// <param name="CoverageMin">Schedule.RoundInterval: the shortest time between two rounds of the whole catalog.</param>
/// <param name="CoverageMax">The longest: every target covered at least this often while the budget allows.</param>
/// <param name="ReserveShare">Share of the budget kept, pro rata of the day left, for confirmations of anomalies.</param>
internal sealed record LaneLimits(
    TimeSpan Sentinel,
    TimeSpan SentinelMax,
    TimeSpan Watch,
    TimeSpan WatchMax,
    TimeSpan CoverageMin,
    TimeSpan CoverageMax,
    double ReserveShare)
{
    public static readonly TimeSpan DefaultCoverageMax = TimeSpan.FromHours(6);

    /// <summary>The limits for a schedule: the user's intervals, and the detection goals PROBE.md section 1, "What it costs", promises.</summary>
    public static LaneLimits For(TimeSpan sentinelInterval, TimeSpan roundInterval, TimeSpan watchInterval) => new(
        sentinelInterval,
        Max(sentinelInterval, TimeSpan.FromSeconds(30)),
        watchInterval,
        Max(watchInterval, TimeSpan.FromMinutes(30)),
        roundInterval,
        Max(roundInterval, DefaultCoverageMax),
        0.1);

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
