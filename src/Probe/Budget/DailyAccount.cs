using Probe.Clock;

namespace Probe.Budget;

/// <summary>The bytes of the budget day so far, from the meters' running totals; rolls over at midnight UTC and goes on after a restart.</summary>
/// <remarks>
/// <para>The day is the UTC date. In Senegal (UTC+0 all year, no summer time) that is the local day too, so the account and a
/// volunteer's daily data plan turn over together; elsewhere the budget still bounds any 24 hours.</para>
/// <para>A Pi has no real-time clock: until NTP synchronizes, its wall clock may be days behind or stuck at the last
/// shutdown. While unsynchronized, the account's time is carried on from its last trustworthy point by the monotonic
/// clock: from the saved account plus the monotonic time since it was saved (same boot), or plus the time since boot
/// (another boot: the time the device was off is taken as zero). So a restart never opens a new day early, which would
/// spend a second budget in one day; at worst the day ends late, by how long the device was off. Once synchronized, the
/// wall clock decides. Pure: readings and totals are given.</para>
/// </remarks>
internal sealed class DailyAccount
{
    private DateTimeOffset _anchor;
    private long _anchorMonotonicMs;
    private long _trafficBase;
    private long _diskBase;

    /// <param name="saved">The saved account, or null on a first start.</param>
    /// <param name="reading">The clocks now.</param>
    /// <param name="traffic">The traffic meter's total now (the bytes of this run so far belong to the day that opens now).</param>
    /// <param name="disk">The disk meter's total now.</param>
    public DailyAccount(AccountState? saved, ClockReading reading, long traffic, long disk)
    {
        _anchor = reading.Synced || saved is null
            ? reading.Wall
            : Later(reading.Wall, saved.SavedAt + TimeSpan.FromMilliseconds(saved.BootId == reading.BootId
                ? Math.Max(0, reading.MonotonicMs - saved.MonotonicMs)
                : reading.MonotonicMs));
        _anchorMonotonicMs = reading.MonotonicMs;
        Day = DateOnly.FromDateTime(_anchor.UtcDateTime);
        var carried = saved is not null && saved.Day == Day;
        _trafficBase = traffic - (carried ? saved!.TrafficBytes : 0);
        _diskBase = disk - (carried ? saved!.DiskBytes : 0);
        Now = _anchor;
        LastCoverage = saved?.LastCoverage;
    }

    public DateOnly Day { get; private set; }

    /// <summary>The account's time at the last update.</summary>
    public DateTimeOffset Now { get; private set; }

    public long TrafficBytes { get; private set; }

    public long DiskBytes { get; private set; }

    public DateTimeOffset? LastCoverage { get; set; }

    public TimeSpan ElapsedInDay
    {
        get
        {
            var elapsed = Now - new DateTimeOffset(Day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            return elapsed < TimeSpan.Zero ? TimeSpan.Zero : elapsed > LanePlanner.Day ? LanePlanner.Day : elapsed;
        }
    }

    /// <summary>Brings the account up to the clocks and meters given; a new day starts from zero.</summary>
    public void Update(ClockReading reading, long traffic, long disk)
    {
        if (reading.Synced)
        {
            _anchor = reading.Wall;
            _anchorMonotonicMs = reading.MonotonicMs;
        }

        Now = reading.Synced ? reading.Wall : _anchor + TimeSpan.FromMilliseconds(Math.Max(0, reading.MonotonicMs - _anchorMonotonicMs));
        var day = DateOnly.FromDateTime(Now.UtcDateTime);
        if (day != Day)
        {
            // A clock that synchronized backwards into the day before keeps today's account: it must never be spent twice.
            if (day > Day)
            {
                _trafficBase = traffic;
                _diskBase = disk;
            }

            Day = day > Day ? day : Day;
        }

        TrafficBytes = Math.Max(0, traffic - _trafficBase);
        DiskBytes = Math.Max(0, disk - _diskBase);
    }

    /// <summary>What the day will cost in all if the rest of it spends at <paramref name="rate"/> bytes a second.</summary>
    public long Projection(double rate) =>
        TrafficBytes + (long)(Math.Max(0, rate) * Math.Max(0, (LanePlanner.Day - ElapsedInDay).TotalSeconds));

    public AccountState Snapshot(ClockReading reading, long dailyBytes, long projected) =>
        new(Day, TrafficBytes, DiskBytes, Now, reading.BootId, reading.MonotonicMs, dailyBytes, projected, LastCoverage);

    private static DateTimeOffset Later(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
}
