using Probe.Upload;

namespace Probe.Tests.Upload;

public sealed class SinkOutcomeWatchTests
{
    private const long Start = 1_795_000_000_000;

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
    public void Observe_EverythingRejectedThenADelivery_Cleared()
    {
        var sut = CreateSut();
        sut.Observe(new DrainResult(0, 0, 10, SinkOutcome.FromStatus(400, null, "database name required")));
        sut.Observe(new DrainResult(10, 0, 0, null));
        Assert.That(sut.Refusing, Is.False);
    }

    [Test]
    public void Observe_PoisonSetAsideBesideDeliveries_NotRefusing()
    {
        var sut = CreateSut();
        sut.Observe(new DrainResult(99, 1, 0, null));
        Assert.That(sut.Refusing, Is.False);
    }

    [Test]
    public void Observe_OnlyUnreachable_NotRefusing()
    {
        var sut = CreateSut();
        sut.Observe(new DrainResult(0, 0, 10, SinkOutcome.FromStatus(503, null, "busy")));
        Assert.That(sut.Refusing, Is.False);
    }

    [Test]
    public async Task Observe_WorkerAgainstAStoreRejectingEveryBatch_Refusing()
    {
        var store = new InMemoryResultStore();
        store.Add(TestPoints.Checks(50, Start));
        var sut = CreateSut();

        sut.Observe(await TestSinks.Worker(store, new ScriptedSink(_ => SinkOutcome.FromStatus(400, null, "database name required")))
            .DrainOnceAsync(CancellationToken.None));

        Assert.That(sut.Refusing, Is.True, "PROBE.md: fast blink when the store rejects every batch");
        Assert.That(store.SetAsideRows, Is.Empty);
    }

    [Test]
    public async Task Observe_WorkerAfterARefusalDeliversWithOnePoisonPoint_ClearedAndPoisonSetAside()
    {
        var store = new InMemoryResultStore();
        var points = TestPoints.Checks(50, Start);
        var poison = points[7] = points[7] with { Measurement = "poison" };
        store.Add(points);
        var sut = CreateSut();
        sut.Observe(await TestSinks.Worker(store, new ScriptedSink(_ => SinkOutcome.FromStatus(401, null, "unauthorized")))
            .DrainOnceAsync(CancellationToken.None));
        var refusedFirst = sut.Refusing;

        var fixedToken = new ScriptedSink(batch => batch.Contains(poison) ? SinkOutcome.FromStatus(400, null, "bad") : SinkOutcome.Delivered);
        var result = await TestSinks.Worker(store, fixedToken).DrainOnceAsync(CancellationToken.None);
        sut.Observe(result);

        Assert.That(refusedFirst, Is.True);
        Assert.That(result, Is.EqualTo(new DrainResult(49, 1, 0, null)));
        Assert.That(sut.Refusing, Is.False, "a poison point beside delivered ones is not a refusal");
    }

    private static SinkOutcomeWatch CreateSut() => new();
}
