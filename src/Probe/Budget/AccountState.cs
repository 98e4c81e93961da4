namespace Probe.Budget;

/// <summary>The day's account as saved to the state file: enough to go on after a restart, and for <c>probe status</c>.</summary>
/// <param name="Day">The budget day (UTC date) the figures belong to.</param>
/// <param name="TrafficBytes">Bytes on the wire that day.</param>
/// <param name="DiskBytes">Bytes the daemon wrote to disk that day.</param>
/// <param name="SavedAt">The account's estimate of the time when saved (wall time, or carried on from the monotonic clock while unsynchronized).</param>
/// <param name="BootId">The boot that saved it.</param>
/// <param name="MonotonicMs">The monotonic clock when saved.</param>
/// <param name="DailyBytes">The budget in force when saved (0: none).</param>
/// <param name="ProjectedBytes">What the day was projected to cost in all, when saved.</param>
/// <param name="LastCoverage">When the last round of the whole catalog started (a restart does not repeat it before it is due).</param>
internal sealed record AccountState(
    DateOnly Day,
    long TrafficBytes,
    long DiskBytes,
    DateTimeOffset SavedAt,
    string BootId,
    long MonotonicMs,
    long DailyBytes,
    long ProjectedBytes,
    DateTimeOffset? LastCoverage);
