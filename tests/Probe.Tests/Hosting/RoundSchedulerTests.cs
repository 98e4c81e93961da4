using Probe.Checks;
using Probe.Gpio;
using Probe.Hosting;
using Probe.Verdicts;

namespace Probe.Tests.Hosting;

public sealed class RoundSchedulerTests
{
    [Test]
    public async Task Run_RoundLongerThanInterval_NeverOverlapsAndSkipsMissedSlots()
    {
        await using var sut = CreateSut(options =>
        {
            options.Schedule.RoundInterval = TimeSpan.FromSeconds(60);
            options.Checks.Timeout = TimeSpan.FromSeconds(30);
        });
        var slow = new TaskCompletionSource<IReadOnlyList<CheckResult>>(TaskCreationOptions.RunContinuationsAsynchronously);
        sut.Checker.RoundScripts[1] = _ => slow.Task;
        sut.AllowBusy(RoundScheduler.LoopName);
        await sut.StartAsync(RoundScheduler.LoopName);

        await sut.RunUntilAsync(TimeSpan.FromSeconds(130));
        var startsWhileBusy = sut.Checker.RoundStarts.Count;
        sut.ForbidBusy(RoundScheduler.LoopName);
        slow.SetResult(FakeNetwork.Round(NetworkState.Online));
        await sut.RunUntilAsync(TimeSpan.FromSeconds(200));

        Assert.Multiple(() =>
        {
            Assert.That(startsWhileBusy, Is.EqualTo(1));
            Assert.That(sut.Checker.MaxActiveRounds, Is.EqualTo(1));
            // 130: the overdue slot at once (only one, which also confirms "online"); 180: the plan again.
            Assert.That(sut.Checker.RoundStarts, Is.EqualTo(new[] { 0, 130, 180 }.Select(s => TimeSpan.FromSeconds(s))));
        });
    }

    [Test]
    public async Task Run_Rounds_HeapTrimmedAfterEachStoredRound()
    {
        await using var sut = CreateSut();
        await sut.StartAsync(RoundScheduler.LoopName);

        await sut.RunUntilAsync(TimeSpan.FromMinutes(11));
        await sut.StopAsync();

        // 0: first round; 10 s: the round that confirms "online"; then the plan every 5 minutes.
        Assert.Multiple(() =>
        {
            Assert.That(sut.Checker.RoundStarts, Is.EqualTo(new[] { 0, 10, 300, 600 }.Select(s => TimeSpan.FromSeconds(s))));
            Assert.That(sut.Trims, Is.EqualTo(sut.Checker.RoundStarts));
        });
    }

    [Test]
    public async Task Run_SentinelsChangePicture_FullRoundAtOnce()
    {
        await using var sut = CreateSut();
        await sut.StartAsync(SentinelLane.LoopName, RoundScheduler.LoopName);
        await sut.RunUntilAsync(TimeSpan.FromSeconds(15));

        sut.Checker.Network = NetworkState.Shutdown;
        await sut.RunUntilAsync(TimeSpan.FromSeconds(25));

        // 0: first round; 10: confirming "online"; 20: the sentinels saw the cut (the plan says 300).
        Assert.That(sut.Checker.RoundStarts, Is.EqualTo(new[] { 0, 10, 20 }.Select(s => TimeSpan.FromSeconds(s))));
    }

    [Test]
    public async Task Run_CutAndRecovery_CommittedThroughHysteresisStoredAfterResultsAndShownOnLeds()
    {
        await using var sut = CreateSut();
        await sut.StartAsync(SentinelLane.LoopName, RoundScheduler.LoopName, LivenessService.LoopName);
        await sut.RunUntilAsync(TimeSpan.FromSeconds(15));
        sut.Checker.Network = NetworkState.Shutdown;
        await sut.RunUntilAsync(TimeSpan.FromSeconds(25));
        var redDuringCut = sut.Panel.PatternOf(Led.NetRed);

        sut.Checker.Network = NetworkState.Online;
        await sut.RunUntilAsync(TimeSpan.FromSeconds(60));

        var changes = sut.Store.Changes.Select(c => $"{c.Previous.ToName()}->{c.Current.State.ToName()}@{(c.Clock.Wall - sut.Origin).TotalSeconds}").ToArray();
        var events = sut.Store.Events.ToArray();
        Assert.Multiple(() =>
        {
            // 30: the sentinels saw the link back and the round they triggered said online: committed together.
            Assert.That(changes, Is.EqualTo(new[] { "unknown->online@10", "online->full_shutdown@20", "full_shutdown->online@30" }));
            Assert.That(events.Select((e, i) => e.StartsWith("verdict:", StringComparison.Ordinal) ? events[i - 1] : "results:"), Is.All.StartsWith("results:"), "every verdict follows a stored batch");
            Assert.That(redDuringCut, Is.EqualTo(LedPattern.FastBlink));
            Assert.That(sut.Panel.PatternOf(Led.NetGreen), Is.EqualTo(LedPattern.Solid));
            Assert.That(sut.Panel.PatternOf(Led.NetRed), Is.EqualTo(LedPattern.Off));
        });
    }

    [Test]
    public async Task Run_SingleOddRound_NotCommitted()
    {
        await using var sut = CreateSut();
        sut.Checker.RoundScripts[3] = _ => Task.FromResult(FakeNetwork.Round(NetworkState.Shutdown));
        await sut.StartAsync(RoundScheduler.LoopName);

        await sut.RunUntilAsync(TimeSpan.FromSeconds(700));

        Assert.Multiple(() =>
        {
            Assert.That(sut.Store.Changes.Select(c => c.Current.State), Is.EqualTo(new[] { VerdictState.Online }));
            Assert.That(sut.Checker.RoundStarts, Is.EqualTo(new[] { 0, 10, 300, 310, 600 }.Select(s => TimeSpan.FromSeconds(s))));
        });
    }

    [Test]
    public async Task Run_StoreFailsToWrite_StillJudgedAndLoopGoesOn()
    {
        await using var sut = CreateSut();
        sut.Store.AppendFailure = new IOException("disk full");
        await sut.StartAsync(RoundScheduler.LoopName);

        await sut.RunUntilAsync(TimeSpan.FromSeconds(310));

        Assert.Multiple(() =>
        {
            Assert.That(sut.Store.Changes.Select(c => c.Current.State), Is.EqualTo(new[] { VerdictState.Online }));
            Assert.That(sut.Panel.PatternOf(Led.NetGreen), Is.EqualTo(LedPattern.Solid));
            Assert.That(sut.Checker.RoundStarts, Has.Count.EqualTo(3));
        });
    }

    [Test]
    public async Task Stop_DuringRound_FlushesWhatTheRoundMeasured()
    {
        await using var sut = CreateSut();
        var partial = FakeNetwork.Round(NetworkState.Online).Take(3).ToArray();
        sut.Checker.RoundScripts[1] = async token =>
        {
            await Task.Delay(Timeout.Infinite, token).ContinueWith(_ => { }, TaskScheduler.Default);
            return partial;
        };
        sut.AllowBusy(RoundScheduler.LoopName);
        await sut.StartAsync(RoundScheduler.LoopName);

        // The host's default shutdown timeout is 30 s: the round may go on for 25 s.
        var stopping = sut.StopAsync();
        sut.Time.Advance(TimeSpan.FromSeconds(25));
        await stopping;

        Assert.That(sut.Store.Batches.Single(), Is.EqualTo(partial));
    }

    private static DaemonHarness CreateSut(Action<Probe.Configuration.ProbeOptions>? configure = null) => new(configure);
}
