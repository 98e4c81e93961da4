using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Probe.Configuration;
using Probe.Storage;
using Probe.Upload;

namespace Probe.Tests.Upload;

public sealed class UploadWorkerTests
{
    private const long Start = 1_795_000_000_000;

    private static UploadWorker CreateSut(InMemoryResultStore store, ISink sink, int batchSize = 5000) =>
        new(store, sink, Options.Create(new ProbeOptions { Sink = { BatchSize = batchSize } }), NullLogger<UploadWorker>.Instance);

    [Test]
    public async Task DrainOnceAsync_SinkAcceptsAll_EveryRowDeliveredExactlyOnce()
    {
        var store = new InMemoryResultStore();
        store.Add(TestPoints.Checks(25, Start));
        var sink = new ScriptedSink(_ => SinkOutcome.Delivered);

        var result = await CreateSut(store, sink, batchSize: 10).DrainOnceAsync(CancellationToken.None);

        Assert.That(result, Is.EqualTo(new DrainResult(25, 0, 0, null)));
        Assert.That(sink.Batches.Select(b => b.Count), Is.EqualTo(new[] { 10, 10, 5 }));
        Assert.That(store.DeliveredIds, Has.Count.EqualTo(25));
        Assert.That(store.MaxDeliveriesOfOneRow, Is.EqualTo(1));
        Assert.That(result.ExitCode, Is.Zero);
    }

    [Test]
    public async Task DrainOnceAsync_LongQueue_OneRequestUntilAcknowledgedThenTwoInFlightWithTheNextReadMeanwhile()
    {
        var store = new InMemoryResultStore();
        store.Add(TestPoints.Checks(45, Start));
        var sink = new GatedSink();

        var drain = CreateSut(store, sink, batchSize: 10).DrainOnceAsync(CancellationToken.None);
        var first = await sink.NextAsync();
        Assert.That(sink.InFlight, Is.EqualTo(1), "one request until the store has acknowledged one");
        first.Complete(SinkOutcome.Delivered);
        var second = await sink.NextAsync();
        // The third batch was read while the second was in flight, and goes out beside it.
        var third = await sink.NextAsync();
        Assert.That(sink.InFlight, Is.EqualTo(2));
        Assert.That(store.ReadPendingCalls, Is.EqualTo(3), "one batch per read");
        second.Complete(SinkOutcome.Delivered);
        var fourth = await sink.NextAsync();
        third.Complete(SinkOutcome.Delivered);
        var fifth = await sink.NextAsync();
        fourth.Complete(SinkOutcome.Delivered);
        fifth.Complete(SinkOutcome.Delivered);
        var result = await drain;

        Assert.That(result, Is.EqualTo(new DrainResult(45, 0, 0, null)));
        Assert.That(sink.MaxInFlight, Is.EqualTo(2));
        var sent = new[] { first, second, third, fourth, fifth }.SelectMany(w => w.Points).ToList();
        Assert.That(sent, Has.Count.EqualTo(45), "no point sent twice");
        Assert.That(sent.Select(p => p.TimestampMs), Is.Ordered.And.Unique);
        Assert.That(store.MaxDeliveriesOfOneRow, Is.EqualTo(1));
    }

    [Test]
    public async Task DrainOnceAsync_FailsWhileALaterBatchIsAcknowledged_LaterOneMarkedAndTheRestSentOnceNextTime()
    {
        var store = new InMemoryResultStore();
        store.Add(TestPoints.Checks(45, Start));
        var sink = new GatedSink();

        var drain = CreateSut(store, sink, batchSize: 10).DrainOnceAsync(CancellationToken.None);
        (await sink.NextAsync()).Complete(SinkOutcome.Delivered);
        var second = await sink.NextAsync();
        var third = await sink.NextAsync();
        third.Complete(SinkOutcome.Delivered);
        second.Complete(SinkOutcome.Unreachable("connection reset"));
        var result = await drain;

        Assert.That(result.Sent, Is.EqualTo(20), "the first and the third batch");
        Assert.That(result.Left, Is.EqualTo(25));
        Assert.That(result.StoppedBy?.Kind, Is.EqualTo(SinkOutcomeKind.Unavailable));
        Assert.That(store.DeliveredIds, Is.EqualTo(Enumerable.Range(1, 10).Concat(Enumerable.Range(21, 10)).Select(i => (long)i)));
        Assert.That(sink.InFlight, Is.Zero, "nothing left running");

        var again = await CreateSut(store, new ScriptedSink(_ => SinkOutcome.Delivered), batchSize: 10).DrainOnceAsync(CancellationToken.None);

        Assert.That(again, Is.EqualTo(new DrainResult(25, 0, 0, null)));
        Assert.That(store.MaxDeliveriesOfOneRow, Is.EqualTo(1));
    }

    [Test]
    public async Task DrainOnceAsync_VerdictsAndChecks_StateChangesSentFirst()
    {
        var store = new InMemoryResultStore();
        store.Add(TestPoints.Checks(5, Start));
        store.Add([TestPoints.Verdict(Start + 60_000, "international_cut", "online")]);
        var sink = new ScriptedSink(_ => SinkOutcome.Delivered);

        await CreateSut(store, sink, batchSize: 2).DrainOnceAsync(CancellationToken.None);

        Assert.That(sink.Batches[0][0].Measurement, Is.EqualTo("probe_verdict"));
        Assert.That(sink.Batches.SelectMany(b => b).Skip(1).Select(p => p.TimestampMs), Is.Ordered);
    }

    [Test]
    public async Task DrainOnceAsync_OnePoisonPointIn5000_OthersDeliveredPoisonSetAside()
    {
        var store = new InMemoryResultStore();
        var points = TestPoints.Checks(5000, Start);
        var poison = points[3217] = points[3217] with { Measurement = "poison" };
        store.Add(points);
        var sink = new ScriptedSink(batch => batch.Contains(poison) ? SinkOutcome.FromStatus(400, null, "field type conflict") : SinkOutcome.Delivered);

        var result = await CreateSut(store, sink).DrainOnceAsync(CancellationToken.None);

        Assert.That(result, Is.EqualTo(new DrainResult(4999, 1, 0, null)));
        Assert.That(store.SetAsideRows, Has.Count.EqualTo(1));
        Assert.That(store.SetAsideRows[0].Reason, Does.Contain("400").And.Contain("field type conflict"));
        Assert.That(sink.Batches, Has.Count.LessThan(40), "a binary split needs about 2·log2(5000) requests, not one per point");
        Assert.That(store.MaxDeliveriesOfOneRow, Is.EqualTo(1));
    }

    [Test]
    public async Task DrainOnceAsync_PoisonAtHeadOfQueue_SetAsideOnceTheRestIsAccepted()
    {
        var store = new InMemoryResultStore();
        var points = TestPoints.Checks(100, Start);
        var poison = points[0] = points[0] with { Measurement = "poison" };
        store.Add(points);
        var sink = new ScriptedSink(batch => batch.Contains(poison) ? SinkOutcome.FromStatus(400, null, "bad") : SinkOutcome.Delivered);

        var result = await CreateSut(store, sink).DrainOnceAsync(CancellationToken.None);

        Assert.That(result, Is.EqualTo(new DrainResult(99, 1, 0, null)));
    }

    [Test]
    public async Task DrainOnceAsync_StoreRejectsEverything_NothingSetAsideFewRequests()
    {
        var store = new InMemoryResultStore();
        store.Add(TestPoints.Checks(5000, Start));
        var sink = new ScriptedSink(_ => SinkOutcome.FromStatus(400, null, "database name required"));

        var result = await CreateSut(store, sink).DrainOnceAsync(CancellationToken.None);

        Assert.That(result.Left, Is.EqualTo(5000));
        Assert.That(result.SetAside, Is.Zero);
        Assert.That(store.SetAsideRows, Is.Empty, "a misconfigured store must not empty the queue into the set-aside pile");
        Assert.That(result.StoppedBy?.Kind, Is.EqualTo(SinkOutcomeKind.Rejected));
        Assert.That(sink.Batches, Has.Count.LessThan(150));
    }

    [Test]
    public async Task DrainOnceAsync_Refused_NothingMarkedAndOneRequestOnly()
    {
        var store = new InMemoryResultStore();
        store.Add(TestPoints.Checks(30, Start));
        var sink = new ScriptedSink(_ => SinkOutcome.FromStatus(401, null, "unauthorized"));

        var result = await CreateSut(store, sink, batchSize: 10).DrainOnceAsync(CancellationToken.None);

        Assert.That(sink.Batches, Has.Count.EqualTo(1));
        Assert.That(result.Sent, Is.Zero);
        Assert.That(result.Left, Is.EqualTo(30));
        Assert.That(result.StoppedBy?.Kind, Is.EqualTo(SinkOutcomeKind.Refused));
        Assert.That(store.SetAsideRows, Is.Empty);
        Assert.That(result.ExitCode, Is.EqualTo(1));
    }

    [Test]
    public async Task DrainOnceAsync_StoreGoesDownMidway_KeepsWhatLandedAndStops()
    {
        var store = new InMemoryResultStore();
        store.Add(TestPoints.Checks(30, Start));
        var calls = 0;
        var sink = new ScriptedSink(_ => ++calls <= 2 ? SinkOutcome.Delivered : SinkOutcome.Unreachable("connection refused"));

        var result = await CreateSut(store, sink, batchSize: 10).DrainOnceAsync(CancellationToken.None);

        Assert.That(result.Sent, Is.EqualTo(20));
        Assert.That(result.Left, Is.EqualTo(10));
        Assert.That(result.StoppedBy?.Kind, Is.EqualTo(SinkOutcomeKind.Unavailable));
    }

    [Test]
    public async Task DrainOnceAsync_NoSinkConfigured_SendsNothingAndCountsLeft()
    {
        var store = new InMemoryResultStore();
        store.Add(TestPoints.Checks(3, Start));
        var sink = new ScriptedSink(_ => SinkOutcome.Delivered, enabled: false);

        var result = await CreateSut(store, sink).DrainOnceAsync(CancellationToken.None);

        Assert.That(sink.Batches, Is.Empty);
        Assert.That(result.Left, Is.EqualTo(3));
        Assert.That(store.DeliveredIds, Is.Empty);
    }

    [Test]
    public async Task DrainOnceAsync_DuringAndAfter_DrainingThenIdle()
    {
        var store = new InMemoryResultStore();
        store.Add(TestPoints.Checks(5, Start));
        var sink = new GatedSink();
        var sut = CreateSut(store, sink);
        var before = sut.State;

        var drain = sut.DrainOnceAsync(CancellationToken.None);
        var write = await sink.NextAsync();
        var during = sut.State;
        write.Complete(SinkOutcome.Delivered);
        await drain;

        Assert.That((before, during, sut.State), Is.EqualTo((UploadState.Idle, UploadState.Draining, UploadState.Idle)));
    }

    [Test]
    public async Task DrainOnceAsync_StoreFailsToRead_BackingOffAndThrows()
    {
        var store = new InMemoryResultStore { FailNextRead = new InvalidOperationException("database is locked") };
        store.Add(TestPoints.Checks(5, Start));
        var sut = CreateSut(store, new ScriptedSink(_ => SinkOutcome.Delivered));

        Assert.ThrowsAsync<InvalidOperationException>(() => sut.DrainOnceAsync(CancellationToken.None));
        Assert.That(sut.State, Is.EqualTo(UploadState.BackingOff));
    }

    [TestCase(401, 0, UploadState.Refused)]
    [TestCase(400, 0, UploadState.Refused)]
    [TestCase(503, 0, UploadState.BackingOff)]
    [TestCase(null, 3, UploadState.WaitingForClock)]
    [TestCase(null, 0, UploadState.Idle)]
    public void StateAfter_DrainResult_NamedState(int? status, long left, UploadState expected)
    {
        var stoppedBy = status is { } code ? SinkOutcome.FromStatus(code, null, null) : null;

        Assert.That(UploadWorker.StateAfter(new DrainResult(0, 0, left + 10 * (status is null ? 0 : 1), stoppedBy)), Is.EqualTo(expected));
    }
}
