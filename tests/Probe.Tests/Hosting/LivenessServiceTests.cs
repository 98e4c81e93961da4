using Probe.Checks;
using Probe.Gpio;
using Probe.Hosting;
using Probe.Storage;

namespace Probe.Tests.Hosting;

public sealed class LivenessServiceTests
{
    [Test]
    public async Task Run_SentinelLoopHangs_WatchdogStopsAndPowerGoesDarkUntilItRecovers()
    {
        using var socket = new NotifySocket();
        await using var sut = new DaemonHarness(notifier: socket.CreateNotifier());
        var hung = new TaskCompletionSource<IReadOnlyList<CheckResult>>(TaskCreationOptions.RunContinuationsAsynchronously);
        sut.Checker.SentinelScripts[2] = _ => hung.Task; // deaf to cancellation, like a blocking call would be
        sut.AllowHang(SentinelLane.LoopName);
        await sut.StartAsync(SentinelLane.LoopName, RoundScheduler.LoopName, LivenessService.LoopName);
        var atStart = socket.Drain();

        // The pass started at 10 s has a 32 s budget and 30 s grace: hung from 72 s on.
        var beforeHang = await RunCollectingAsync(sut, socket, 70);
        var powerBeforeHang = sut.Panel.PatternOf(Led.Power);
        var duringHang = await RunCollectingAsync(sut, socket, 120);
        var powerDuringHang = sut.Panel.PatternOf(Led.Power);

        sut.ForbidHang(SentinelLane.LoopName);
        hung.SetResult(FakeNetwork.Sentinels(NetworkState.Online));
        var afterRecovery = await RunCollectingAsync(sut, socket, 130);

        Assert.Multiple(() =>
        {
            // READY=1 comes with the first cycle; the liveness tick at start pings only if it runs after that cycle
            // began, which the start-up order does not fix (the next tick, 5 s on, pings either way: see beforeHang).
            Assert.That(atStart, Is.EqualTo(new[] { "READY=1", "WATCHDOG=1" }).Or.EqualTo(new[] { "READY=1" }));
            Assert.That(beforeHang, Has.Count.EqualTo(14).And.All.EqualTo("WATCHDOG=1"));
            Assert.That(powerBeforeHang, Is.EqualTo(LedPattern.Heartbeat));
            Assert.That(duringHang, Is.Empty);
            Assert.That(powerDuringHang, Is.EqualTo(LedPattern.Off));
            Assert.That(afterRecovery, Is.Not.Empty.And.All.EqualTo("WATCHDOG=1"));
            Assert.That(sut.Panel.PatternOf(Led.Power), Is.EqualTo(LedPattern.Heartbeat));
        });
    }

    [Test]
    public async Task Run_NoCycleStartedYet_NoWatchdog()
    {
        using var socket = new NotifySocket();
        await using var sut = new DaemonHarness(notifier: socket.CreateNotifier());

        await sut.StartAsync(LivenessService.LoopName);
        await sut.RunUntilAsync(TimeSpan.FromSeconds(20));

        Assert.That(socket.Drain(), Is.Empty);
    }

    [Test]
    public async Task Run_StoreFigures_UploadLedFollowsThem()
    {
        await using var sut = new DaemonHarness();
        sut.Store.Status = Status(pendingRows: 40);
        await sut.StartAsync(LivenessService.LoopName);
        var backlog = sut.Panel.PatternOf(Led.Upload);

        sut.Store.Status = Status(pendingRows: 0);
        await sut.RunUntilAsync(TimeSpan.FromSeconds(15));
        var delivered = sut.Panel.PatternOf(Led.Upload);

        sut.Store.StatusFailure = new IOException("disk I/O error");
        await sut.RunUntilAsync(TimeSpan.FromSeconds(30));

        Assert.Multiple(() =>
        {
            Assert.That(backlog, Is.EqualTo(LedPattern.SlowBlink));
            Assert.That(delivered, Is.EqualTo(LedPattern.Solid));
            Assert.That(sut.Panel.PatternOf(Led.Upload), Is.EqualTo(LedPattern.FastBlink));
            Assert.That(sut.Panel.PatternOf(Led.NetGreen), Is.EqualTo(LedPattern.SlowBlink), "unknown while starting");
        });
    }

    [Test]
    public async Task Run_NoSink_UploadLedDark()
    {
        await using var sut = new DaemonHarness(options => options.Sink.Kind = "none");
        sut.Store.Status = Status(pendingRows: 40);

        await sut.StartAsync(LivenessService.LoopName);

        Assert.That(sut.Panel.Shown.Where(s => s.Led == Led.Upload), Is.Empty);
    }

    /// <summary>Runs in short steps, reading the socket in between: a unix datagram queue holds only a few messages.</summary>
    private static async Task<List<string>> RunCollectingAsync(DaemonHarness sut, NotifySocket socket, int untilSeconds)
    {
        var messages = new List<string>();
        while (sut.Elapsed < TimeSpan.FromSeconds(untilSeconds))
        {
            await sut.RunUntilAsync(TimeSpan.FromSeconds(Math.Min(untilSeconds, sut.Elapsed.TotalSeconds + 20)));
            messages.AddRange(socket.Drain());
        }

        return messages;
    }

    private static StoreStatus Status(long pendingRows) => new(100, 4096, pendingRows, null, 0, 0, null, null, null, 100 - pendingRows);
}
