using Probe.Verdicts;
using static Probe.Verdicts.VerdictState;

namespace Probe.Tests.Verdicts;

public sealed class SentinelGateTests
{
    [TestCase(LocalFault)]
    [TestCase(FullShutdown)]
    [TestCase(InternationalCut)]
    public void Observe_ConnectivityStateBeforeAnyRound_Counts(VerdictState state)
    {
        var sut = CreateSut();

        var decision = sut.Observe(state);

        Assert.That(decision, Is.EqualTo(new SentinelDecision(Counts: true, PictureChanged: false)));
    }

    [TestCase(Online)]
    [TestCase(PlatformBlock)]
    [TestCase(Degraded)]
    [TestCase(DnsTampering)]
    public void Observe_StateSentinelsCannotProve_NeverCounts(VerdictState state)
    {
        var sut = CreateSut();

        var decision = sut.Observe(state);

        Assert.That(decision.Counts, Is.False);
    }

    [Test]
    public void Observe_FirstPass_IsNotAPictureChange()
    {
        var sut = CreateSut();

        var decision = sut.Observe(Online);

        Assert.Multiple(() =>
        {
            Assert.That(decision.PictureChanged, Is.False);
            Assert.That(sut.Version, Is.Zero);
        });
    }

    [Test]
    public void Observe_OnlineThenCut_PictureChangesAndVersionMoves()
    {
        var sut = CreateSut();
        sut.Observe(Online);

        var decision = sut.Observe(FullShutdown);

        Assert.Multiple(() =>
        {
            Assert.That(decision, Is.EqualTo(new SentinelDecision(Counts: true, PictureChanged: true)));
            Assert.That(sut.Version, Is.EqualTo(1));
        });
    }

    [Test]
    public void Observe_SamePictureTwice_NoChange()
    {
        var sut = CreateSut();
        sut.Observe(InternationalCut);

        var decision = sut.Observe(InternationalCut);

        Assert.That(decision.PictureChanged, Is.False);
    }

    [Test]
    public void Observe_BlockAfterOnline_SamePictureConnected()
    {
        var sut = CreateSut();
        sut.Observe(Online);

        var decision = sut.Observe(PlatformBlock);

        Assert.That(decision, Is.EqualTo(new SentinelDecision(Counts: false, PictureChanged: false)));
    }

    [Test]
    public void Observe_CutAfterRoundStartedUnderItCompleted_NoLongerCounts()
    {
        var sut = CreateSut();
        sut.Observe(Online);
        sut.Observe(FullShutdown);
        var startedAt = sut.Version;
        sut.RoundCompleted(startedAt);

        var decision = sut.Observe(FullShutdown);

        Assert.That(decision.Counts, Is.False);
    }

    [Test]
    public void Observe_CutAfterOnlyAnOlderRoundCompleted_StillCounts()
    {
        var sut = CreateSut();
        sut.Observe(Online);
        var startedBeforeCut = sut.Version;
        sut.Observe(FullShutdown);
        sut.RoundCompleted(startedBeforeCut);

        var decision = sut.Observe(FullShutdown);

        Assert.That(decision.Counts, Is.True);
    }

    [Test]
    public void Observe_NewCutAfterRoundsHadCaughtUp_CountsAgain()
    {
        var sut = CreateSut();
        sut.Observe(Online);
        sut.Observe(FullShutdown);
        sut.RoundCompleted(sut.Version);
        sut.Observe(Online);

        var decision = sut.Observe(InternationalCut);

        Assert.That(decision, Is.EqualTo(new SentinelDecision(Counts: true, PictureChanged: true)));
    }

    [Test]
    public void RoundCompleted_OlderRoundAfterNewer_KeepsTheNewest()
    {
        var sut = CreateSut();
        sut.Observe(Online);
        sut.Observe(FullShutdown);
        sut.RoundCompleted(1);

        sut.RoundCompleted(0);

        Assert.That(sut.Observe(FullShutdown).Counts, Is.False);
    }

    [Test]
    public void IsCurrent_RoundStartedBeforePictureChange_False()
    {
        var sut = CreateSut();
        sut.Observe(Online);
        var startedAt = sut.Version;

        sut.Observe(LocalFault);

        Assert.Multiple(() =>
        {
            Assert.That(sut.IsCurrent(startedAt), Is.False);
            Assert.That(sut.IsCurrent(sut.Version), Is.True);
        });
    }

    [Test]
    public void Observe_LinkBackAfterACut_ConnectedAndHeldCountsPassesSinceTheChange()
    {
        var sut = CreateSut();
        sut.Observe(InternationalCut);
        sut.Observe(InternationalCut);
        var heldInCut = (sut.Connected, sut.Held);

        sut.Observe(Online);
        var justBack = (sut.Connected, sut.Held);
        sut.Observe(PlatformBlock);

        Assert.Multiple(() =>
        {
            Assert.That(heldInCut, Is.EqualTo((false, 2)));
            Assert.That(justBack, Is.EqualTo((true, 1)));
            Assert.That((sut.Connected, sut.Held), Is.EqualTo((true, 2)), "any state short of a cut is the connected picture");
        });
    }

    private static SentinelGate CreateSut() => new();
}
