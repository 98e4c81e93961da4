using Probe.Upload;

namespace Probe.Tests.Upload;

public sealed class SinkOutcomeWatchTests
{
    [Test]
    public void Observe_RefusedThenUnreachableThenDelivered_RefusalStandsUntilTheStoreTakesData()
    {
        var sut = CreateSut();
        sut.Observe(new DrainResult(0, 0, 10, SinkOutcome.FromStatus(401, null, "unauthorized")));
        var refused = sut.Refusing;
        sut.Observe(new DrainResult(0, 0, 10, SinkOutcome.Unreachable("connection refused")));
        var unreachable = sut.Refusing;
        sut.Observe(new DrainResult(0, 0, 0, null)); // idle: nothing was sent, nothing heard
        var idle = sut.Refusing;
        sut.Observe(new DrainResult(10, 0, 0, null));

        Assert.That((refused, unreachable, idle, sut.Refusing), Is.EqualTo((true, true, true, false)));
    }

    [Test]
    public void Observe_EverythingRejectedBeforeAnyDelivery_Refusing()
    {
        var sut = CreateSut();
        sut.Observe(new DrainResult(0, 0, 10, SinkOutcome.FromStatus(400, null, "database name required")));
        Assert.That(sut.Refusing, Is.True);
    }

    [Test]
    public void Observe_OnlyUnreachable_NotRefusing()
    {
        var sut = CreateSut();
        sut.Observe(new DrainResult(0, 0, 10, SinkOutcome.FromStatus(503, null, "busy")));
        Assert.That(sut.Refusing, Is.False);
    }

    private static SinkOutcomeWatch CreateSut() => new();
}
