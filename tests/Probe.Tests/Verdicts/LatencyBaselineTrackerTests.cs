using Probe.Checks;
using Probe.Targets;
using Probe.Verdicts;

namespace Probe.Tests.Verdicts;

public sealed class LatencyBaselineTrackerTests
{
    private static readonly string N1Http = LatencyBaseline.Key("n1", CheckKind.Http);

    [Test]
    public void Current_FewerSamplesThanNeeded_Null()
    {
        var sut = CreateSut();

        Observe(sut, 10, 20, 30, 40);

        Assert.That(sut.Current(), Is.Null);
    }

    [Test]
    public void Current_EnoughSamples_MedianPerTargetAndKind()
    {
        var sut = CreateSut();

        Observe(sut, 10, 500, 30, 20, 40);

        Assert.That(sut.Current()!.MedianMsByTargetAndKind[N1Http], Is.EqualTo(30));
    }

    [Test]
    public void Current_MoreSamplesThanTheWindow_OnlyTheLatestCount()
    {
        var sut = CreateSut(window: 5);

        Observe(sut, 1000, 1000, 1000, 1000, 1000, 10, 10, 10, 10, 10);

        Assert.That(sut.Current()!.MedianMsByTargetAndKind[N1Http], Is.EqualTo(10));
    }

    [Test]
    public void Observe_TargetFailingLongEnough_Forgotten()
    {
        var sut = CreateSut(forgetAfterFailures: 3);
        Observe(sut, 10, 10, 10, 10, 10);

        for (var i = 0; i < 3; i++)
        {
            sut.Observe(ResultsBuilder.Round().FailsAt("n1", TargetGroup.National, CheckKind.Tcp, Failures.GenericTimeout).Build());
        }

        Assert.That(sut.Current(), Is.Null);
    }

    [Test]
    public void Observe_FailuresInterruptedBySuccess_Kept()
    {
        var sut = CreateSut(forgetAfterFailures: 3);
        Observe(sut, 10, 10, 10, 10, 10);
        var failure = ResultsBuilder.Round().FailsAt("n1", TargetGroup.National, CheckKind.Tcp, Failures.GenericTimeout).Build();

        sut.Observe(failure);
        sut.Observe(failure);
        Observe(sut, 10);
        sut.Observe(failure);
        sut.Observe(failure);

        Assert.That(sut.Current()!.MedianMsByTargetAndKind, Does.ContainKey(N1Http));
    }

    [Test]
    public void Observe_MoreKeysThanAllowed_Bounded()
    {
        var sut = CreateSut(minSamples: 1, maxKeys: 10);

        for (var i = 0; i < 100; i++)
        {
            sut.Observe(ResultsBuilder.Round().Reachable($"t{i}", TargetGroup.National).Build());
        }

        Assert.That(sut.Current()!.MedianMsByTargetAndKind, Has.Count.EqualTo(10));
    }

    [Test]
    public void Observe_GatewayResults_NotTracked()
    {
        var sut = CreateSut(minSamples: 1);

        sut.Observe(ResultsBuilder.Round().Gateway(true).Build());

        Assert.That(sut.Current(), Is.Null);
    }

    private static LatencyBaselineTracker CreateSut(int window = 31, int minSamples = 5, int forgetAfterFailures = 30, int maxKeys = 4096) =>
        new(window, minSamples, forgetAfterFailures, maxKeys);

    private static void Observe(LatencyBaselineTracker sut, params double[] httpMs)
    {
        foreach (var ms in httpMs)
        {
            sut.Observe(ResultsBuilder.Round().Reachable("n1", TargetGroup.National, ms: ms).Build());
        }
    }
}
