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

/// <summary>The upload LED against real result stores: one refusing the token (nginx answering 401), one not there at all.</summary>
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

    private static DaemonHarness CreateSut()
    {
        var harness = new DaemonHarness();
        harness.Store.Status = new StoreStatus(100, 4096, 20, null, 0, 0, null, null, null, 80);
        return harness;
    }
}
