using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Probe.Tests.Fixtures;
using Probe.Upload;

namespace Probe.Tests.Upload;

/// <summary>The daemon's upload loop against a real influxd that is down while results accumulate, then comes up.</summary>
[Category("Integration")]
public sealed class UploadDaemonTests
{
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

        await sut.StartAsync(CancellationToken.None);
        Assert.That(await store.Reads.WaitAsync(TimeSpan.FromSeconds(30)), Is.True, "first cycle, store down");
        store.Add(TestPoints.Checks(200, start + 400_000)); // results keep coming while the store is down
        using var influx = await InfluxDb1Server.StartAsync(port: port);
        var delivered = await AdvanceUntilAsync(time, store, () => store.DeliveredIds.Count == 504, TimeSpan.FromMinutes(10));
        await sut.StopAsync(CancellationToken.None);

        Assert.That(delivered, Is.True, $"delivered {store.DeliveredIds.Count} of 504");
        Assert.That(store.MaxDeliveriesOfOneRow, Is.EqualTo(1));
        Assert.That((await influx.HttpStatsAsync())["pointsWrittenOK"], Is.EqualTo(504));
        var exported = LineProtocolParser.ParseAll(await StoreReadBack.ExportLineProtocolAsync(store));
        Assert.That(StoreReadBack.HeldByInflux(await influx.QueryAsync("SELECT * FROM /probe_.*/ GROUP BY *")),
            Is.EqualTo(StoreReadBack.ExpectedInInflux(exported)));
    }

    // Moves the loop's (fake) clock in steps, letting each woken cycle run, until the condition holds.
    private static async Task<bool> AdvanceUntilAsync(FakeTimeProvider time, InMemoryResultStore store, Func<bool> condition, TimeSpan max)
    {
        for (var advanced = TimeSpan.Zero; advanced < max && !condition(); advanced += TimeSpan.FromSeconds(5))
        {
            time.Advance(TimeSpan.FromSeconds(5));
            if (await store.Reads.WaitAsync(TimeSpan.FromMilliseconds(50)))
            {
                // A cycle started: give it the real time its HTTP writes need before judging it.
                for (var i = 0; i < 100 && !condition(); i++)
                {
                    await store.Reads.WaitAsync(TimeSpan.FromMilliseconds(20));
                }
            }
        }

        return condition();
    }
}
