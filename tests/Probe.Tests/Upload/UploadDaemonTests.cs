using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Probe.Tests.Fixtures;
using Probe.Upload;

namespace Probe.Tests.Upload;

/// <summary>The daemon's upload loop against a real influxd that is down while results accumulate, then comes up.</summary>
[Category("Integration")]
public sealed class UploadDaemonTests
{
    private static readonly TimeSpan SignalTimeout = TimeSpan.FromSeconds(60);

    [Test]
    public async Task ExecuteAsync_StoreDownThenUp_LoopDeliversEverythingExactlyOnceOnItsOwn()
    {
        var port = LoopbackServerProcess.FreePort();
        var start = TestPoints.RecentStartMs();
        var store = new InMemoryResultStore();
        store.Add(TestPoints.Backlog(300, start));
        var sink = TestSinks.Create(TestSinks.Influx1(new Uri($"http://127.0.0.1:{port}")));
        var schedule = new UploadSchedule();
        var time = new FakeTimeProvider();
        using var sut = new UploadBackgroundService(TestSinks.Worker(store, sink, batchSize: 100), sink, schedule, time, NullLogger<UploadBackgroundService>.Instance);

        var firstRest = sut.NextRestAsync();
        await sut.StartAsync(CancellationToken.None);
        var rest = await firstRest.WaitAsync(SignalTimeout);
        var states = new List<UploadState> { rest.State };
        store.Add(TestPoints.Checks(200, start + 400_000)); // results keep coming while the store is down
        using var influx = await InfluxDb1Server.StartAsync(port: port);
        // Each rest's wait is on the fake clock before the rest is signalled: advancing by its delay wakes the next cycle.
        while (rest.State != UploadState.Idle && states.Count < 10)
        {
            var next = sut.NextRestAsync();
            time.Advance(rest.Delay);
            rest = await next.WaitAsync(SignalTimeout);
            states.Add(rest.State);
        }

        await sut.StopAsync(CancellationToken.None);

        Assert.That(states[0], Is.EqualTo(UploadState.BackingOff), "first cycle, store down");
        Assert.That(states[^1], Is.EqualTo(UploadState.Idle), string.Join(", ", states));
        Assert.That(store.DeliveredIds, Has.Count.EqualTo(504));
        Assert.That(store.MaxDeliveriesOfOneRow, Is.EqualTo(1));
        Assert.That((await influx.HttpStatsAsync())["pointsWrittenOK"], Is.EqualTo(504));
        var exported = LineProtocolParser.ParseAll(await StoreReadBack.ExportLineProtocolAsync(store));
        Assert.That(StoreReadBack.HeldByInflux(await influx.QueryAsync("SELECT * FROM /probe_.*/ GROUP BY *")),
            Is.EqualTo(StoreReadBack.ExpectedInInflux(exported)));
    }
}
