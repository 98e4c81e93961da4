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

    [Test]
    public void Observe_AcceptedThenEveryPointRejected_Refusing()
    {
        var sut = CreateSut();
        sut.Observe(new DrainResult(10, 0, 0, null));
        sut.Observe(new DrainResult(0, 8, 0, null, RejectedInARow: 8));
        Assert.That(sut.Refusing, Is.True, "PROBE.md: fast blink when the store refuses results, even point by point");
    }

    [Test]
    public void Observe_FewerRejectedInARowThanTheBound_NotRefusing()
    {
        var sut = CreateSut();
        sut.Observe(new DrainResult(10, 0, 0, null));
        sut.Observe(new DrainResult(0, 7, 0, null, RejectedInARow: SinkOutcomeWatch.RefusingAfterRejectedInARow - 1));
        Assert.That(sut.Refusing, Is.False);
    }

    [Test]
    public void Observe_RefusingPointByPointThenADelivery_Cleared()
    {
        var sut = CreateSut();
        sut.Observe(new DrainResult(0, 20, 0, null, RejectedInARow: 20));
        var refusing = sut.Refusing;
        sut.Observe(new DrainResult(5, 0, 0, null));
        Assert.That((refusing, sut.Refusing), Is.EqualTo((true, false)));
    }

    [Test]
    public void Observe_DeliveredThenManyRejectedInTheSameDrain_Refusing()
    {
        var sut = CreateSut();
        sut.Observe(new DrainResult(100, 40, 0, null, RejectedInARow: 40));
        Assert.That(sut.Refusing, Is.True, "the store stopped taking points after the first ones");
    }

    [Test]
    public async Task Observe_WorkerWhoseStoreTookDataThenRejectsEveryPoint_RefusingUntilItTakesDataAgain()
    {
        var store = new InMemoryResultStore();
        store.Add(TestPoints.Checks(10, Start));
        var answer = SinkOutcome.Delivered;
        var worker = TestSinks.Worker(store, new ScriptedSink(_ => answer), batchSize: 4);
        var sut = CreateSut();
        sut.Observe(await worker.DrainOnceAsync(CancellationToken.None));

        answer = SinkOutcome.FromStatus(400, null, "partial write: field type conflict");
        store.Add(TestPoints.Checks(10, Start + 60_000));
        var rejecting = await worker.DrainOnceAsync(CancellationToken.None);
        sut.Observe(rejecting);
        var refusing = sut.Refusing;

        answer = SinkOutcome.Delivered;
        store.Add(TestPoints.Checks(3, Start + 120_000));
        var fixedStore = await worker.DrainOnceAsync(CancellationToken.None);
        sut.Observe(fixedStore);

        Assert.That(rejecting, Is.EqualTo(new DrainResult(0, 10, 0, null, RejectedInARow: 10)), "each point set aside: the queue empties");
        Assert.That(refusing, Is.True);
        Assert.That(fixedStore, Is.EqualTo(new DrainResult(3, 0, 0, null)));
        Assert.That(sut.Refusing, Is.False);
    }

    [Test]
    public async Task Observe_WorkerWithOnePoisonPointPerDrainBesideDeliveries_NeverRefusing()
    {
        var store = new InMemoryResultStore();
        var worker = TestSinks.Worker(store, new ScriptedSink(batch => batch.Any(p => p.Measurement == "poison") ? SinkOutcome.FromStatus(400, null, "bad") : SinkOutcome.Delivered));
        var sut = CreateSut();
        var seen = new List<bool>();
        for (var drain = 0; drain < 12; drain++)
        {
            var points = TestPoints.Checks(5, Start + (drain * 60_000L));
            points[drain % 5] = points[drain % 5] with { Measurement = "poison" };
            store.Add(points);
            sut.Observe(await worker.DrainOnceAsync(CancellationToken.None));
            seen.Add(sut.Refusing);
        }

        Assert.That(store.SetAsideRows, Has.Count.EqualTo(12));
        Assert.That(seen, Is.All.False, "a poison point beside delivered ones is not a refusal");
    }

    private static SinkOutcomeWatch CreateSut() => new();
}
