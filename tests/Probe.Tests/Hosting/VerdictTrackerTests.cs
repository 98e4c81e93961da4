using Probe.Hosting;
using Probe.Tests.Verdicts;
using Probe.Verdicts;

namespace Probe.Tests.Hosting;

[FixtureLifeCycle(LifeCycle.InstancePerTestCase)]
public sealed class VerdictTrackerTests
{
    private readonly RoundTrigger _trigger = new();

    [Test]
    public void AcceptSentinels_PictureChanges_RequestsARound()
    {
        var sut = CreateSut();
        sut.AcceptSentinels(FakeNetwork.Sentinels(NetworkState.Online), ResultsBuilder.Clock);
        var requestedWhileSame = _trigger.Pending;

        var (_, _, changed) = sut.AcceptSentinels(FakeNetwork.Sentinels(NetworkState.Shutdown), ResultsBuilder.Clock);

        Assert.Multiple(() =>
        {
            Assert.That(requestedWhileSame, Is.False);
            Assert.That(changed, Is.True);
            Assert.That(_trigger.Pending, Is.True);
        });
    }

    [Test]
    public void AcceptSentinels_CutTwice_Committed()
    {
        var sut = CreateSut();

        sut.AcceptSentinels(FakeNetwork.Sentinels(NetworkState.Shutdown), ResultsBuilder.Clock);
        var (_, change, _) = sut.AcceptSentinels(FakeNetwork.Sentinels(NetworkState.Shutdown), ResultsBuilder.Clock);

        Assert.That(change?.Current.State, Is.EqualTo(VerdictState.FullShutdown));
    }

    [Test]
    public void AcceptSentinels_Online_NeverCountsForHysteresis()
    {
        var sut = CreateSut();

        for (var i = 0; i < 5; i++)
        {
            sut.AcceptSentinels(FakeNetwork.Sentinels(NetworkState.Online), ResultsBuilder.Clock);
        }

        Assert.That(sut.Committed.State, Is.EqualTo(VerdictState.Unknown));
    }

    [Test]
    public void AcceptSentinels_AfterARoundSawTheSamePicture_NoLongerCount()
    {
        var sut = CreateSut();
        sut.AcceptSentinels(FakeNetwork.Sentinels(NetworkState.Online), ResultsBuilder.Clock);
        Commit(sut, NetworkState.Online);
        sut.AcceptSentinels(FakeNetwork.Sentinels(NetworkState.Shutdown), ResultsBuilder.Clock);
        sut.AcceptRound(FakeNetwork.Round(NetworkState.Online), sut.RoundStarting(), ResultsBuilder.Clock);

        var (_, change, _) = sut.AcceptSentinels(FakeNetwork.Sentinels(NetworkState.Shutdown), ResultsBuilder.Clock);

        Assert.Multiple(() =>
        {
            Assert.That(change, Is.Null, "the round after the change said online: the sentinels alone do not overrule it");
            Assert.That(sut.Committed.State, Is.EqualTo(VerdictState.Online));
        });
    }

    [Test]
    public void AcceptSentinels_NothingJudgeable_Ignored()
    {
        var sut = CreateSut();

        var (verdict, change, changed) = sut.AcceptSentinels(ResultsBuilder.Round().Gateway(true).Build(), ResultsBuilder.Clock);

        Assert.Multiple(() =>
        {
            Assert.That(verdict.State, Is.EqualTo(VerdictState.Unknown));
            Assert.That(change, Is.Null);
            Assert.That(changed, Is.False);
        });
    }

    [Test]
    public void RoundStarting_PendingRequest_Consumed()
    {
        var sut = CreateSut();
        _trigger.Request();

        sut.RoundStarting();

        Assert.That(_trigger.Pending, Is.False);
    }

    [Test]
    public void AcceptRound_LatencyWellAboveTheProbesOwnBaseline_DegradedCommitted()
    {
        var sut = CreateSut();
        for (var i = 0; i < 6; i++)
        {
            sut.AcceptRound(Round(ms: 50), sut.RoundStarting(), ResultsBuilder.Clock);
        }

        var committedBefore = sut.Committed.State;
        sut.AcceptRound(Round(ms: 900), sut.RoundStarting(), ResultsBuilder.Clock);
        sut.AcceptRound(Round(ms: 900), sut.RoundStarting(), ResultsBuilder.Clock);

        Assert.Multiple(() =>
        {
            Assert.That(committedBefore, Is.EqualTo(VerdictState.Online));
            Assert.That(sut.Committed.State, Is.EqualTo(VerdictState.Degraded));
            Assert.That(sut.Committed.Findings.Single().Targets, Is.EqualTo(new[] { "i1", "i2", "n1", "n2" }));
        });
    }

    [Test]
    public void AcceptRound_FirstOnlineRoundAfterTheSentinelsSawACutEnd_OnlineCommittedAtOnce()
    {
        var sut = CommittedCut();
        sut.AcceptSentinels(FakeNetwork.Sentinels(NetworkState.Online), ResultsBuilder.Clock);

        var (_, change) = sut.AcceptRound(FakeNetwork.Round(NetworkState.Online), sut.RoundStarting(), ResultsBuilder.Clock);

        Assert.That(change?.Current.State, Is.EqualTo(VerdictState.Online), "the sentinel pass that saw the link back and the round agree: ConfirmRounds 2");
    }

    [Test]
    public void AcceptSentinels_CutEndsWithoutARound_CutStaysCommitted()
    {
        var sut = CommittedCut();

        for (var i = 0; i < 5; i++)
        {
            sut.AcceptSentinels(FakeNetwork.Sentinels(NetworkState.Online), ResultsBuilder.Clock);
        }

        Assert.Multiple(() =>
        {
            Assert.That(sut.Committed.State, Is.EqualTo(VerdictState.InternationalCut), "the sentinels alone never declare online");
            Assert.That(sut.Recovering, Is.True);
        });
    }

    [Test]
    public void LinkCut_CommittedCutUntilTheSentinelsSeeTheLinkBack_TrueThenFalse()
    {
        var sut = CommittedCut();
        var during = sut.LinkCut;

        sut.AcceptSentinels(FakeNetwork.Sentinels(NetworkState.Online), ResultsBuilder.Clock);

        Assert.That((during, sut.LinkCut, sut.Recovering), Is.EqualTo((true, false, true)));
    }

    [Test]
    public void AcceptRound_RoundStartedBeforeTheCutEnded_UsualConfirmation()
    {
        var sut = CommittedCut();
        var before = sut.RoundStarting();
        sut.AcceptSentinels(FakeNetwork.Sentinels(NetworkState.Online), ResultsBuilder.Clock);

        var (_, change) = sut.AcceptRound(FakeNetwork.Round(NetworkState.Online), before, ResultsBuilder.Clock);

        Assert.Multiple(() =>
        {
            Assert.That(change, Is.Null, "a round that started during the cut does not count with the sentinels that saw its end");
            Assert.That(sut.ConfirmationPending, Is.True);
        });
    }

    [Test]
    public void AcceptRound_PlatformStillFailingAfterTheCut_UsualConfirmation()
    {
        var sut = CommittedCut();
        sut.AcceptSentinels(FakeNetwork.Sentinels(NetworkState.Online), ResultsBuilder.Clock);
        var round = ResultsBuilder.Round().Gateway(true);
        foreach (var target in FakeNetwork.Targets)
        {
            round.Reachable(target.Name, target.Group);
        }

        round.FailsAt("p1", Probe.Targets.TargetGroup.Platform, Probe.Checks.CheckKind.Tls, Probe.Checks.Failures.ConnectionReset, platform: "whatsapp");

        var (verdict, change) = sut.AcceptRound(round.Build(), sut.RoundStarting(), ResultsBuilder.Clock);

        Assert.Multiple(() =>
        {
            Assert.That(verdict.State, Is.EqualTo(VerdictState.PlatformBlock));
            Assert.That(change, Is.Null, "a failure right after a lift may be a route coming back: two rounds, as always");
            Assert.That(sut.Committed.State, Is.EqualTo(VerdictState.InternationalCut));
        });
    }

    private VerdictTracker CommittedCut()
    {
        var sut = CreateSut();
        Commit(sut, NetworkState.Online);
        sut.AcceptSentinels(FakeNetwork.Sentinels(NetworkState.Online), ResultsBuilder.Clock);
        sut.AcceptSentinels(FakeNetwork.Sentinels(NetworkState.InternationalCut), ResultsBuilder.Clock);
        sut.AcceptSentinels(FakeNetwork.Sentinels(NetworkState.InternationalCut), ResultsBuilder.Clock);
        Assert.That(sut.Committed.State, Is.EqualTo(VerdictState.InternationalCut), "set-up: the cut committed by the sentinels");
        return sut;
    }

    private static IReadOnlyList<Probe.Checks.CheckResult> Round(double ms)
    {
        var round = ResultsBuilder.Round().Gateway(true);
        foreach (var target in FakeNetwork.Targets)
        {
            round.Reachable(target.Name, target.Group, ms: ms);
        }

        return round.Build();
    }

    private static void Commit(VerdictTracker sut, NetworkState state)
    {
        sut.AcceptRound(FakeNetwork.Round(state), sut.RoundStarting(), ResultsBuilder.Clock);
        sut.AcceptRound(FakeNetwork.Round(state), sut.RoundStarting(), ResultsBuilder.Clock);
    }

    private VerdictTracker CreateSut() => new(
        new VerdictEngine(new VerdictRules(new HashSet<string>([ResultsBuilder.Reference], StringComparer.Ordinal))),
        new LatencyBaselineTracker(),
        new VerdictHysteresis(2),
        _trigger);
}
