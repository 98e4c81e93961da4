using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Probe.Configuration;
using Probe.Storage;
using Probe.Upload;

namespace Probe.Tests.Upload;

public sealed class UploadBackgroundServiceTests
{
    private static readonly TimeSpan SignalTimeout = TimeSpan.FromSeconds(10);

    private static UploadBackgroundService CreateSut(InMemoryResultStore store, ISink sink, FakeTimeProvider time, CardMoves? moves = null)
    {
        var worker = new UploadWorker(store, sink, Options.Create(new ProbeOptions()), NullLogger<UploadWorker>.Instance);
        return new UploadBackgroundService(worker, sink, new UploadSchedule(), time, NullLogger<UploadBackgroundService>.Instance, moves: moves);
    }

    [Test]
    public async Task ExecuteAsync_StageMovedToTheCard_DrainsAtOnceWithoutWaitingItsDelay()
    {
        var store = new InMemoryResultStore();
        store.Add(TestPoints.Checks(5, 1_795_000_000_000));
        var moves = new CardMoves();
        var time = new FakeTimeProvider();
        using var sut = CreateSut(store, new ScriptedSink(_ => SinkOutcome.Delivered), time, moves);

        var first = sut.NextRestAsync();
        await sut.StartAsync(CancellationToken.None);
        var idle = await first.WaitAsync(SignalTimeout);
        var next = sut.NextRestAsync();
        store.Add(TestPoints.Checks(3, 1_795_000_100_000));
        moves.Moved();
        await next.WaitAsync(SignalTimeout);
        await sut.StopAsync(CancellationToken.None);

        Assert.That(idle.Delay, Is.EqualTo(new UploadSchedule().StagedPollInterval), "with a stage, the loop rests until a move or its long poll");
        Assert.That(store.DeliveredIds, Has.Count.EqualTo(8), "the moved rows went out without the clock moving");
    }

    [Test]
    public async Task ExecuteAsync_CycleThrows_LoopSurvivesAndDeliversNextCycle()
    {
        var store = new InMemoryResultStore { FailNextRead = new InvalidOperationException("database is locked") };
        store.Add(TestPoints.Checks(5, 1_795_000_000_000));
        var time = new FakeTimeProvider();
        using var sut = CreateSut(store, new ScriptedSink(_ => SinkOutcome.Delivered), time);

        var first = sut.NextRestAsync();
        await sut.StartAsync(CancellationToken.None);
        var failed = await first.WaitAsync(SignalTimeout);
        var second = await NextCycleAsync(sut, time, failed);
        await sut.StopAsync(CancellationToken.None);

        Assert.That((failed.State, second.State), Is.EqualTo((UploadState.BackingOff, UploadState.Idle)), "the loop must survive a failing cycle");
        Assert.That(store.DeliveredIds, Has.Count.EqualTo(5));
    }

    [Test]
    public async Task ExecuteAsync_BadToken_NoHotLoopWaitsMinutesBetweenTries()
    {
        var store = new InMemoryResultStore();
        store.Add(TestPoints.Checks(5, 1_795_000_000_000));
        var sink = new ScriptedSink(_ => SinkOutcome.FromStatus(401, null, "unauthorized"));
        var time = new FakeTimeProvider();
        using var sut = CreateSut(store, sink, time);

        var first = sut.NextRestAsync();
        await sut.StartAsync(CancellationToken.None);
        var refused = await first.WaitAsync(SignalTimeout);
        var sentFirst = sink.Batches.Count;
        var again = await NextCycleAsync(sut, time, refused);
        await sut.StopAsync(CancellationToken.None);

        Assert.That(refused.State, Is.EqualTo(UploadState.Refused));
        Assert.That(refused.Delay, Is.GreaterThanOrEqualTo(TimeSpan.FromMinutes(2)), "a refused upload backs off for minutes");
        Assert.That((sentFirst, sink.Batches.Count), Is.EqualTo((1, 2)), "one request per cycle");
        Assert.That(again.State, Is.EqualTo(UploadState.Refused));
        Assert.That(again.Delay, Is.GreaterThan(refused.Delay), "doubling per consecutive refusal");
        Assert.That(store.DeliveredIds, Is.Empty);
    }

    [Test]
    public async Task ExecuteAsync_NoSinkConfigured_EndsWithoutReading()
    {
        var store = new InMemoryResultStore();
        using var sut = CreateSut(store, new ScriptedSink(_ => SinkOutcome.Delivered, enabled: false), new FakeTimeProvider());

        await sut.StartAsync(CancellationToken.None);
        await sut.ExecuteTask!;

        Assert.That(store.ReadPendingCalls, Is.Zero);
    }

    // Advances the loop's clock by the rest's delay and awaits the rest after the cycle it wakes: no real-time polling.
    private static async Task<UploadRest> NextCycleAsync(UploadBackgroundService sut, FakeTimeProvider time, UploadRest rest)
    {
        var next = sut.NextRestAsync();
        time.Advance(rest.Delay);
        return await next.WaitAsync(SignalTimeout);
    }
}
