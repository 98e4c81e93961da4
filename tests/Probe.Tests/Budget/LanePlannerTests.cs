using Microsoft.Extensions.Time.Testing;
using NUnit.Framework;
using Probe.Budget;
using Probe.Clock;

namespace Probe.Tests.Budget;

/// <summary>The planner and the agenda over a simulated day at the defaults: budget held, deadlines held, escalation bounded.</summary>
public sealed class LanePlannerTests
{
    private static readonly LaneLimits Defaults = LaneLimits.For(TimeSpan.FromSeconds(10), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(9));

    // Real-sized sites (bench/traffic.sh): 4 of 6 sentinels a pass at ~212 bytes, 38 watched targets at ~1.9 KB (resumed
    // handshake), 58 targets at ~18 KB each with a 4 KiB body limit and full handshakes (tickets expired after 6 h).
    private static readonly LaneCosts RealSized = new(4 * 212, 38 * 1_900, 58 * 18_000, 0.12);

    [Test]
    public void Plan_NoBudget_WholeRoundsAtRoundIntervalNoWatch()
    {
        var plan = LanePlanner.Plan(0, 0, TimeSpan.Zero, null, RealSized, Defaults);

        Assert.That(plan, Is.EqualTo(new LanePlan(TimeSpan.FromSeconds(10), null, TimeSpan.FromMinutes(5), Budgeted: false, Exhausted: false)));
    }

    [Test]
    public void Plan_DefaultsAtMidnight_SentinelsAndWatchAtTheirRhythmCoverageWithinSixHours()
    {
        var plan = LanePlanner.Plan(30_000_000, 0, TimeSpan.Zero, null, RealSized, Defaults);

        Assert.That(plan.SentinelInterval, Is.EqualTo(TimeSpan.FromSeconds(10)));
        Assert.That(plan.WatchInterval, Is.EqualTo(TimeSpan.FromMinutes(9)));
        Assert.That(plan.CoverageInterval, Is.LessThanOrEqualTo(TimeSpan.FromHours(6)));
        Assert.That(plan.Rate(RealSized) * 86_400, Is.LessThanOrEqualTo(30_000_000));
    }

    [Test]
    public void Plan_BudgetSpentByNoon_SentinelsOnlyAtTheirSlowest()
    {
        var plan = LanePlanner.Plan(30_000_000, 29_000_000, TimeSpan.FromHours(12), null, RealSized, Defaults);

        Assert.That(plan.Exhausted, Is.True);
        Assert.That(plan.SentinelInterval, Is.EqualTo(TimeSpan.FromSeconds(30)));
        Assert.That(plan.WatchInterval, Is.Null);
    }

    [Test]
    public void Plan_LargeBudget_CoverageAtRoundIntervalAndNoSeparateWatch()
    {
        var plan = LanePlanner.Plan(5_000_000_000, 0, TimeSpan.Zero, null, RealSized, Defaults);

        Assert.That(plan.CoverageInterval, Is.EqualTo(TimeSpan.FromMinutes(5)));
        Assert.That(plan.WatchInterval, Is.Null);
    }

    [Test]
    public void SimulatedDay_DefaultsWithAFlappingHour_BudgetHeldDeadlinesHeldEscalationBounded()
    {
        var day = SimulatedDay.Run(30_000_000, RealSized, Defaults, flapping: (TimeSpan.FromHours(10), TimeSpan.FromHours(11)));

        // The flapping hour's escalations are paid by the reserve: the watch keeps its rhythm.
        Assert.Multiple(() =>
        {
            Assert.That(day.Spent, Is.LessThanOrEqualTo(30_000_000), "budget held");
            Assert.That(day.LongestWatchGap, Is.LessThanOrEqualTo(TimeSpan.FromMinutes(10)), "platforms watched every 9-10 min");
            Assert.That(day.LongestCoverageGap, Is.LessThanOrEqualTo(TimeSpan.FromHours(6)), "every target covered every 6 h");
            // The simulation runs one pass at a time, so a round (at most ~10 s here) delays a sentinel pass by its length.
            Assert.That(day.LongestSentinelGap, Is.LessThanOrEqualTo(TimeSpan.FromSeconds(20)), "sentinels every 10 s");
            Assert.That(day.CutCommittedWithin, Is.LessThanOrEqualTo(TimeSpan.FromSeconds(30)), "a cut (packets dropped) committed within 30 s");
            Assert.That(day.BlockCommittedWithin, Is.LessThanOrEqualTo(TimeSpan.FromMinutes(10)), "a platform block committed within 10 min");
            Assert.That(day.EscalationsInFlappingHour, Is.LessThanOrEqualTo(3 + 3), "escalation bounded: the bucket's 3, one per 20 min");
            // Each recovery round is the watch's next pass: its own bucket of 3 refills at the watch's rhythm (60 / 9 min).
            Assert.That(day.RecoveriesInFlappingHour, Is.LessThanOrEqualTo(3 + 7), "recoveries bounded: 3, then one per watch interval");
            Assert.That(day.OnlineCommittedAfterLift, Is.LessThanOrEqualTo(TimeSpan.FromSeconds(30)), "online committed within 30 s of the lift");
        });
    }

    [Test]
    public void SimulatedDay_DefaultsNoFlapping_PlatformsWatchedWithinTenMinutes()
    {
        var day = SimulatedDay.Run(30_000_000, RealSized, Defaults, flapping: (TimeSpan.Zero, TimeSpan.Zero));

        Assert.Multiple(() =>
        {
            Assert.That(day.Spent, Is.LessThanOrEqualTo(30_000_000), "budget held");
            Assert.That(day.LongestWatchGap, Is.LessThanOrEqualTo(TimeSpan.FromMinutes(10)), "platforms watched every 9-10 min");
            Assert.That(day.LongestCoverageGap, Is.LessThanOrEqualTo(TimeSpan.FromHours(6)), "every target covered every 6 h");
            Assert.That(day.LongestSentinelGap, Is.LessThanOrEqualTo(TimeSpan.FromSeconds(20)), "sentinels every 10 s");
            Assert.That(day.CutCommittedWithin, Is.LessThanOrEqualTo(TimeSpan.FromSeconds(30)), "a cut committed within 30 s");
            Assert.That(day.OnlineCommittedAfterLift, Is.LessThanOrEqualTo(TimeSpan.FromSeconds(30)), "online committed within 30 s of the lift");
            Assert.That(day.BlockCommittedWithin, Is.LessThanOrEqualTo(TimeSpan.FromMinutes(10)), "a platform block committed within 10 min");
        });
    }

    [Test]
    public void Plan_CoverageRoundJustPaid_WatchKeepsItsRhythm()
    {
        // Late in the day, just after a round's lump: the base (sentinels, watch, rounds still due) is paid first.
        var plan = LanePlanner.Plan(30_000_000, 26_000_000, TimeSpan.FromHours(20), TimeSpan.FromMinutes(1), RealSized, Defaults);

        Assert.That((plan.SentinelInterval, plan.WatchInterval), Is.EqualTo((TimeSpan.FromSeconds(10), (TimeSpan?)TimeSpan.FromMinutes(9))));
    }

    [Test]
    public void TryTake_FlappingEvery30Seconds_BoundedByCapacityAndRefill()
    {
        var bucket = new EscalationBucket(3, TimeSpan.FromMinutes(20), TimeSpan.Zero);

        var taken = Enumerable.Range(0, 120).Count(i => bucket.TryTake(TimeSpan.FromSeconds(30 * i)));

        Assert.That(taken, Is.EqualTo(3 + 2));
    }

    [Test]
    public void Update_UnsyncedRestartOnAnotherBoot_DayNotOpenedEarly()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 7, 23, 0, 0, TimeSpan.Zero));
        var saved = new AccountState(new DateOnly(2026, 12, 7), 20_000_000, 1_000, time.GetUtcNow(), "boot-a", 5_000_000, 30_000_000, 29_000_000, null);
        // The clock came back a day behind (no RTC) on a new boot 10 minutes after start.
        var reading = new ClockReading(new DateTimeOffset(2026, 12, 6, 0, 0, 0, TimeSpan.Zero), "boot-b", 600_000, Synced: false);

        var account = new DailyAccount(saved, reading, traffic: 0, disk: 0);
        account.Update(reading with { MonotonicMs = 1_200_000 }, traffic: 500, disk: 0);

        Assert.That(account.Day, Is.EqualTo(new DateOnly(2026, 12, 7)));
        Assert.That(account.TrafficBytes, Is.EqualTo(20_000_500));
    }

    [Test]
    public void Update_SyncedPastMidnight_NewDayFromZero()
    {
        var reading = new ClockReading(new DateTimeOffset(2026, 12, 7, 23, 59, 0, TimeSpan.Zero), "boot-a", 1_000, Synced: true);
        var account = new DailyAccount(null, reading, traffic: 100, disk: 0);
        account.Update(reading, traffic: 1_100, disk: 0);

        account.Update(reading with { Wall = reading.Wall.AddMinutes(2), MonotonicMs = 121_000 }, traffic: 1_500, disk: 0);

        Assert.That((account.Day, account.TrafficBytes), Is.EqualTo((new DateOnly(2026, 12, 8), 0L)));
    }
}
