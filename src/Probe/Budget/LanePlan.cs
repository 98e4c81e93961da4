namespace Probe.Budget;

/// <summary>How often each lane runs for now: the planner's answer, recomputed after every pass.</summary>
/// <param name="SentinelInterval">Between sentinel passes.</param>
/// <param name="WatchInterval">Between platform watches; null when there is no watch lane (no budget: every round is whole).</param>
/// <param name="CoverageInterval">Between rounds of the whole catalog.</param>
/// <param name="Budgeted">Whether a daily budget applies at all.</param>
/// <param name="Exhausted">The day's budget cannot pay for more than the sentinels at their slowest: only they run until the day ends.</param>
internal sealed record LanePlan(TimeSpan SentinelInterval, TimeSpan? WatchInterval, TimeSpan CoverageInterval, bool Budgeted, bool Exhausted)
{
    /// <summary>The rate this plan spends, bytes a second, upload included.</summary>
    public double Rate(LaneCosts costs) => (1 + costs.UploadShare) * (
        (costs.SentinelPass / SentinelInterval.TotalSeconds)
        + (WatchInterval is { } watch ? costs.WatchPass / watch.TotalSeconds : 0)
        + (Exhausted ? 0 : costs.CoverageRound / CoverageInterval.TotalSeconds));
}
