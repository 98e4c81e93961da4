using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using Probe.Gpio;
using Probe.Hosting;
using Probe.Storage;
using Probe.Tests.Fixtures;
using Probe.Tests.Hosting;
using Probe.Tests.Upload;
using Probe.Upload;

namespace Probe.Tests.Status;

/// <summary>The upload LED against real result stores: one refusing the token (nginx answering 401), one not there at all, one (influxd 1.x) rejecting every point.</summary>
[Category("Integration")]
public sealed class UploadLedRefusalTests
{
    [Test]
    public async Task UploadLoop_StoreAnswers401_UploadLedBlinksFast()
    {
        var port = PortAllocator.Next(IPAddress.Loopback);
        using var nginx = NginxServer.Start([new NginxSite(["store.test"], IPAddress.Loopback, HttpPort: port)]);
        await using var sut = CreateSut();
        var store = new InMemoryResultStore();
        store.Add(TestPoints.Checks(20, TestPoints.RecentStartMs()));
        var sink = TestSinks.Create(TestSinks.Influx2(new Uri($"http://127.0.0.1:{port}/status/401"), token: "wrong"));
        var answers = sut.Get<SinkOutcomeWatch>();
        using var upload = new UploadBackgroundService(TestSinks.Worker(store, sink), sink, new UploadSchedule(), sut.Time, NullLogger<UploadBackgroundService>.Instance, answers);

        var firstRest = upload.NextRestAsync();
        await upload.StartAsync(CancellationToken.None);
        // The first drain runs at once against the real nginx; the loop then rests for minutes of fake time.
        var rest = await firstRest.WaitAsync(TimeSpan.FromSeconds(60));
        await upload.StopAsync(CancellationToken.None);
        await sut.StartAsync(LivenessService.LoopName);

        Assert.That(rest.State, Is.EqualTo(UploadState.Refused));
        Assert.That(answers.Refusing, Is.True, "the drain heard the 401");
        Assert.That(store.DeliveredIds, Is.Empty);
        Assert.That(sut.Panel.PatternOf(Led.Upload), Is.EqualTo(LedPattern.FastBlink), "PROBE.md: fast blink, the result store refuses results");
    }

    [Test]
    public async Task Drain_StoreUnreachable_UploadLedKeepsTheBacklogBlink()
    {
        await using var sut = CreateSut();
        var store = new InMemoryResultStore();
        store.Add(TestPoints.Checks(20, TestPoints.RecentStartMs()));
        // Nothing listens on this loopback port: connection refused, the store is unreachable, not refusing.
        var sink = TestSinks.Create(TestSinks.Influx2(new Uri($"http://127.0.0.1:{PortAllocator.Next(IPAddress.Loopback)}")));
        var answers = sut.Get<SinkOutcomeWatch>();

        var result = await TestSinks.Worker(store, sink).DrainOnceAsync(CancellationToken.None);
        answers.Observe(result);
        await sut.StartAsync(LivenessService.LoopName);

        Assert.That(result.StoppedBy?.Kind, Is.EqualTo(SinkOutcomeKind.Unavailable));
        Assert.That(answers.Refusing, Is.False);
        Assert.That(sut.Panel.PatternOf(Led.Upload), Is.EqualTo(LedPattern.SlowBlink), "PROBE.md: slow blink, sending a backlog");
    }

    [Test]
    public async Task Drains_InfluxTookDataThenConflictsOnEveryPoint_UploadLedBlinksFastUntilItTakesDataAgain()
    {
        using var influx = await InfluxDb1Server.StartAsync();
        await using var sut = CreateSut();
        // Every point set aside empties the queue: the backlog figures alone would show "everything delivered".
        sut.Store.Status = new StoreStatus(100, 4096, 0, null, 0, 0, null, null, null, 80);
        var start = TestPoints.RecentStartMs();
        var store = new InMemoryResultStore();
        store.Add(TestPoints.Checks(20, start));
        var worker = TestSinks.Worker(store, TestSinks.Create(TestSinks.Influx1(influx.Url)));
        var answers = sut.Get<SinkOutcomeWatch>();
        var accepted = await worker.DrainOnceAsync(CancellationToken.None);
        answers.Observe(accepted);

        // Someone recreates the database and another tool writes total_ms as a string first: each of our points (a
        // float total_ms) is now a field type conflict, answered 400 and set aside one by one.
        await influx.ExecuteAsync($"DROP DATABASE {InfluxDb1Server.Database}");
        await influx.ExecuteAsync($"CREATE DATABASE {InfluxDb1Server.Database}");
        var (seeded, seedBody) = await influx.PostLineProtocolAsync($"probe_check,probe=other-tool total_ms=\"slow\" {start - 1000}\n");
        store.Add(TestPoints.Checks(20, start + 60_000));
        var rejected = await worker.DrainOnceAsync(CancellationToken.None);
        answers.Observe(rejected);
        await sut.StartAsync(LivenessService.LoopName);
        var whileRejected = sut.Panel.PatternOf(Led.Upload);

        // The database is fixed (recreated empty): the next results land and the LED tells the backlog again.
        await influx.ExecuteAsync($"DROP DATABASE {InfluxDb1Server.Database}");
        await influx.ExecuteAsync($"CREATE DATABASE {InfluxDb1Server.Database}");
        store.Add(TestPoints.Checks(5, start + 120_000));
        var fixedStore = await worker.DrainOnceAsync(CancellationToken.None);
        answers.Observe(fixedStore);
        await sut.RunUntilAsync(sut.Elapsed + sut.Get<DaemonTimings>().UploadLedInterval);

        Assert.That(seeded, Is.EqualTo(204), seedBody);
        Assert.That(accepted, Is.EqualTo(new DrainResult(20, 0, 0, null)));
        Assert.That(rejected, Is.EqualTo(new DrainResult(0, 20, 0, null, RejectedInARow: 20)));
        Assert.That(store.SetAsideRows.Select(r => r.Reason).ToList(), Has.Count.EqualTo(20).And.All.Contain("field type conflict"));
        Assert.That(whileRejected, Is.EqualTo(LedPattern.FastBlink), "PROBE.md: fast blink, the result store refuses results");
        Assert.That(fixedStore, Is.EqualTo(new DrainResult(5, 0, 0, null)));
        var landed = await influx.QueryAsync("SELECT COUNT(total_ms) FROM probe_check");
        Assert.That(landed.Single().Cell(0, "count").GetInt64(), Is.EqualTo(5));
        Assert.That(answers.Refusing, Is.False);
        Assert.That(sut.Panel.PatternOf(Led.Upload), Is.EqualTo(LedPattern.Solid), "PROBE.md: solid, everything delivered");
    }

    private static DaemonHarness CreateSut()
    {
        var harness = new DaemonHarness();
        harness.Store.Status = new StoreStatus(100, 4096, 20, null, 0, 0, null, null, null, 80);
        return harness;
    }
}
