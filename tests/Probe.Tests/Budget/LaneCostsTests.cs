using Microsoft.Extensions.Time.Testing;
using NUnit.Framework;
using Probe.Budget;

namespace Probe.Tests.Budget;

/// <summary>What each pass teaches the planner about the lanes' costs, and what that does to the day's plan around a cut.</summary>
public sealed class LaneCostsTests
{
    private static readonly LaneLimits Defaults = LaneLimits.For(TimeSpan.FromSeconds(10), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(9));

    // As LanePlannerTests: real-sized sites at the defaults (bench/traffic.sh).
    private static readonly LaneCosts RealSized = new(4 * 212, 38 * 1_900, 58 * 18_000, 0.12);

    [Test]
    public void After_RecoveryRound_MovesTheWatchPassAsAWatchDoes()
    {
        var sut = CreateSut();

        var recovered = sut.After(RoundKind.Recovery, 90_000, linkCut: false);

        Assert.That(recovered, Is.EqualTo(sut.After(RoundKind.Watch, 90_000, linkCut: false)));
        Assert.That(recovered.WatchPass, Is.EqualTo(LaneCosts.Blend(RealSized.WatchPass, 90_000)));
    }

    [TestCase(nameof(RoundKind.Triggered))]
    [TestCase(nameof(RoundKind.Confirmation))]
    public void After_AnomalysExtraRound_CostsUnchanged(string kind)
    {
        var sut = CreateSut();

        Assert.That(sut.After(Enum.Parse<RoundKind>(kind), 5_000, linkCut: false), Is.EqualTo(sut));
    }

    [Test]
    public void After_SentinelPassAndCoverageRound_EachMovesItsOwnLane()
    {
        var sut = CreateSut();

        var after = sut.After(null, 1_000, linkCut: false).After(RoundKind.Coverage, 900_000, linkCut: false);

        Assert.That(after, Is.EqualTo(sut with
        {
            SentinelPass = LaneCosts.Blend(sut.SentinelPass, 1_000),
            CoverageRound = LaneCosts.Blend(sut.CoverageRound, 900_000),
        }));
    }

    [TestCase(nameof(RoundKind.Watch))]
    [TestCase(nameof(RoundKind.Coverage))]
    public void After_RoundWhileTheLinkIsCut_CostsUnchanged(string kind)
    {
        var sut = CreateSut();

        Assert.That(sut.After(Enum.Parse<RoundKind>(kind), 20_000, linkCut: true), Is.EqualTo(sut));
    }

    [Test]
    public void After_SentinelPassWhileTheLinkIsCut_MovesTheSentinels()
    {
        var sut = CreateSut();

        Assert.That(sut.After(null, 2_000, linkCut: true).SentinelPass, Is.EqualTo(LaneCosts.Blend(sut.SentinelPass, 2_000)));
    }

    [Test]
    public void CutOfThreeHours_LiftedAndRecovered_WatchEstimateBackToWhatAWatchCosts()
    {
        var (estimate, _, _) = CutAndLift(TimeSpan.FromHours(3));

        // The first pass on a working link again is the recovery round: the watch lane's next pass.
        Assert.That(estimate.WatchPass, Is.EqualTo(RealSized.WatchPass).Within(10).Percent);
    }

    [Test]
    public void CutOfThreeHours_LiftedAndRecovered_PlanFitsTheDayAtTheRealCosts()
    {
        var (estimate, spent, at) = CutAndLift(TimeSpan.FromHours(3));

        var plan = LanePlanner.Plan(30_000_000, (long)spent, at, null, estimate, Defaults);
        var left = (LanePlanner.Day - at).TotalSeconds;

        Assert.That(spent + (plan.Rate(RealSized) * left), Is.LessThanOrEqualTo(30_000_000), $"plan {plan}, estimate {estimate}");
    }

    /// <summary>
    /// A morning on a fake clock at the defaults, as the daemon's round loop runs it: the sentinels at their rhythm, the
    /// agenda's rounds, each pass's cost metered and taught to the estimate. From 06:00 the international links are cut for
    /// <paramref name="length"/>: the rounds' checks fail fast and cost a third. At the lift the sentinels see the link back
    /// and ask for a round: the recovery. Returns the estimate, the day's spend and the time of day just after it.
    /// </summary>
    private static (LaneCosts Estimate, double Spent, TimeSpan At) CutAndLift(TimeSpan length)
    {
        var midnight = new DateTimeOffset(2026, 12, 7, 0, 0, 0, TimeSpan.Zero);
        var time = new FakeTimeProvider(midnight);
        var agenda = new RoundAgenda(new EscalationBucket(3, TimeSpan.FromMinutes(20), TimeSpan.Zero), new EscalationBucket(3, Defaults.Watch, TimeSpan.Zero), 0.1, new Random(7));
        var cut = (From: TimeSpan.FromHours(6), To: TimeSpan.FromHours(6) + length);
        var upload = 1 + RealSized.UploadShare;
        var estimate = RealSized;
        double spent = 0;
        TimeSpan? lastCoverage = null;
        var plan = LanePlanner.Plan(30_000_000, 0, TimeSpan.Zero, null, estimate, Defaults);
        while (true)
        {
            var now = time.GetUtcNow() - midnight;
            var next = LanePlanner.Plan(30_000_000, (long)spent, now, now - lastCoverage, estimate, Defaults);
            if (next != plan)
            {
                agenda.Replanned(plan, next);
                plan = next;
            }

            var inCut = now >= cut.From && now < cut.To;
            var triggered = now >= cut.To;
            var (kind, due) = agenda.Next(plan, time.GetUtcNow(), now, triggered, null, recovering: triggered);
            if (due - midnight > now)
            {
                // Sentinel passes until then, at the lane's rhythm, as a rate (they are not what this test looks at).
                var until = Min(due - midnight, now < cut.To ? cut.To : TimeSpan.MaxValue);
                var wait = until - now;
                spent += upload * estimate.SentinelPass * wait.TotalSeconds / plan.SentinelInterval.TotalSeconds;
                time.Advance(wait);
                continue;
            }

            agenda.Started(kind, plan, time.GetUtcNow(), now);
            var real = kind == RoundKind.Coverage ? RealSized.CoverageRound : RealSized.WatchPass;
            var bytes = (long)(real * (inCut ? 1.0 / 3 : 1));
            spent += upload * bytes;
            estimate = estimate.After(kind, bytes, linkCut: inCut);
            lastCoverage = kind == RoundKind.Coverage ? now : lastCoverage;
            time.Advance(TimeSpan.FromSeconds(5));
            if (triggered)
            {
                Assert.That(kind, Is.EqualTo(RoundKind.Recovery), "the lift's round");
                return (estimate, spent, time.GetUtcNow() - midnight);
            }
        }
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private static LaneCosts CreateSut() => RealSized;
}
