using Probe.Budget;
using Probe.Hosting;

namespace Probe.Tests.Hosting;

/// <summary>The round agenda's monotonic time on a clock like Linux's (nanoseconds since boot), on a probe up for hours.</summary>
public sealed class MonotonicTimeTests
{
    private static readonly TimeSpan FifteenHoursUp = TimeSpan.FromHours(15);

    [Test]
    public void Now_EveryMinuteOfADayOnAMachineUpFifteenHours_AdvancesExactlyAsTheClock()
    {
        var clock = new LinuxClock(FifteenHoursUp);
        var sut = CreateSut(clock);

        var readings = new List<TimeSpan>();
        for (var minute = 0; minute < 24 * 60; minute++)
        {
            readings.Add(sut.Now);
            clock.Advance(TimeSpan.FromMinutes(1));
        }

        Assert.That(readings, Is.EqualTo(Enumerable.Range(0, 24 * 60).Select(m => TimeSpan.FromMinutes(m))));
    }

    [Test]
    public void Next_BlockSeenByTheFirstWatchOfAFreshProbe_ConfirmationRunsASentinelIntervalLater()
    {
        // As bench/detect.sh saw it (RESULTS section 16): the start's confirmation took a token, the watch 8 min later saw
        // the block, and its confirmation must come 10 s after the watch, not when a wrapped clock gives the token back.
        var clock = new LinuxClock(FifteenHoursUp);
        var sut = CreateSut(clock);
        var bucket = new EscalationBucket(3, TimeSpan.FromMinutes(20), sut.Now);
        var agenda = new RoundAgenda(bucket, new EscalationBucket(3, TimeSpan.FromMinutes(9), sut.Now), 0, new Random(7));
        var plan = new LanePlan(TimeSpan.FromSeconds(10), TimeSpan.FromMinutes(9), TimeSpan.FromHours(1), Budgeted: true, Exhausted: false);
        agenda.Started(RoundKind.Coverage, plan, clock.GetUtcNow(), sut.Now);
        clock.Advance(TimeSpan.FromSeconds(10));
        agenda.Started(RoundKind.Confirmation, plan, clock.GetUtcNow(), sut.Now);
        clock.Advance(TimeSpan.FromMinutes(9) - TimeSpan.FromSeconds(10));
        var (watch, at) = agenda.Next(plan, clock.GetUtcNow(), sut.Now, triggered: false, confirmation: null);
        agenda.Started(watch, plan, at, sut.Now);
        var due = clock.GetUtcNow() + TimeSpan.FromSeconds(10);
        clock.Advance(TimeSpan.FromSeconds(10));

        var next = agenda.Next(plan, clock.GetUtcNow(), sut.Now, triggered: false, confirmation: due);

        Assert.That((watch, next), Is.EqualTo((RoundKind.Watch, (RoundKind.Confirmation, due))));
    }

    private static MonotonicTime CreateSut(TimeProvider clock) => new(clock);

    /// <summary>Wall time from 7 Dec 2026 17:30 UTC, and a timestamp counting nanoseconds since a boot <paramref name="uptime"/> ago, as on Linux.</summary>
    private sealed class LinuxClock(TimeSpan uptime) : TimeProvider
    {
        private static readonly DateTimeOffset Start = new(2026, 12, 7, 17, 30, 0, TimeSpan.Zero);
        private TimeSpan _elapsed;

        public override long TimestampFrequency => 1_000_000_000;

        public override DateTimeOffset GetUtcNow() => Start + _elapsed;

        public override long GetTimestamp() => (uptime + _elapsed).Ticks * 100;

        public void Advance(TimeSpan by) => _elapsed += by;
    }
}
