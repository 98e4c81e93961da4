using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Probe.Configuration;
using Probe.Upload;

namespace Probe.Tests.Upload;

public sealed class UploadBackgroundServiceTests
{
    private static readonly TimeSpan SignalTimeout = TimeSpan.FromSeconds(10);

    private static UploadBackgroundService CreateSut(InMemoryResultStore store, ISink sink, FakeTimeProvider time)
    {
        var worker = new UploadWorker(store, sink, Options.Create(new ProbeOptions()), NullLogger<UploadWorker>.Instance);
        return new UploadBackgroundService(worker, sink, new UploadSchedule(), time, NullLogger<UploadBackgroundService>.Instance);
    }

    [Test]
    public async Task ExecuteAsync_CycleThrows_LoopSurvivesAndDeliversNextCycle()
    {
        var store = new InMemoryResultStore { FailNextRead = new InvalidOperationException("database is locked") };
        store.Add(TestPoints.Checks(5, 1_795_000_000_000));
        var time = new FakeTimeProvider();
        using var sut = CreateSut(store, new ScriptedSink(_ => SinkOutcome.Delivered), time);

        await sut.StartAsync(CancellationToken.None);
        Assert.That(await store.Reads.WaitAsync(SignalTimeout), Is.True, "first cycle");
        var secondCycle = await AdvanceUntilAsync(time, store, TimeSpan.FromMinutes(1));
        await sut.StopAsync(CancellationToken.None);

        Assert.That(secondCycle, Is.True, "the loop must survive a failing cycle");
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

        await sut.StartAsync(CancellationToken.None);
        Assert.That(await store.Reads.WaitAsync(SignalTimeout), Is.True, "first cycle");
        var started = time.GetUtcNow();
        var retried = await AdvanceUntilAsync(time, store, TimeSpan.FromMinutes(10));
        var gap = time.GetUtcNow() - started;
        await sut.StopAsync(CancellationToken.None);

        Assert.That(retried, Is.True);
        Assert.That(gap, Is.GreaterThanOrEqualTo(TimeSpan.FromMinutes(2)), "a refused upload backs off for minutes");
        Assert.That(sink.Batches, Has.Count.EqualTo(2));
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

    // Moves fake time in small steps until the next drain cycle starts. A late-registered timer only makes the
    // measured gap longer, never shorter, so the back-off assertions cannot pass by a race.
    private static async Task<bool> AdvanceUntilAsync(FakeTimeProvider time, InMemoryResultStore store, TimeSpan max)
    {
        for (var advanced = TimeSpan.Zero; advanced < max; advanced += TimeSpan.FromSeconds(5))
        {
            time.Advance(TimeSpan.FromSeconds(5));
            if (await store.Reads.WaitAsync(TimeSpan.FromMilliseconds(20)))
            {
                return true;
            }
        }

        return false;
    }
}
