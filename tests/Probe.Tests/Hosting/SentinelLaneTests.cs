using Probe.Checks;
using Probe.Hosting;
using Probe.Verdicts;

namespace Probe.Tests.Hosting;

public sealed class SentinelLaneTests
{
    [Test]
    public async Task Run_WithJitter_EveryIntervalWithinJitterAndWithoutDrift()
    {
        await using var sut = CreateSut(options => options.Schedule.Jitter = 0.1);
        await sut.StartAsync(SentinelLane.LoopName);

        await sut.RunUntilAsync(TimeSpan.FromSeconds(1000));

        var starts = sut.Checker.SentinelStarts.ToArray();
        var offsets = starts.Skip(1).Select((start, i) => start - TimeSpan.FromSeconds(10 * (i + 1))).ToArray();
        Assert.Multiple(() =>
        {
            Assert.That(starts, Has.Length.InRange(100, 101));
            Assert.That(starts[0], Is.EqualTo(TimeSpan.Zero));
            Assert.That(offsets.Select(o => Math.Abs(o.TotalSeconds)), Is.All.LessThanOrEqualTo(1.0), "each start within ±10 % of its planned slot");
            Assert.That(offsets.Select(o => o.TotalSeconds).Distinct().Count(), Is.GreaterThan(50), "starts are really jittered");
        });
    }

    [Test]
    public async Task Run_CycleThrows_LoopGoesOn()
    {
        await using var sut = CreateSut();
        sut.Checker.SentinelScripts[2] = _ => throw new InvalidOperationException("checker broke");
        await sut.StartAsync(SentinelLane.LoopName);

        await sut.RunUntilAsync(TimeSpan.FromSeconds(30));

        Assert.Multiple(() =>
        {
            Assert.That(sut.Checker.SentinelStarts, Is.EqualTo(new[] { 0, 10, 20, 30 }.Select(s => TimeSpan.FromSeconds(s))));
            Assert.That(sut.Store.Batches, Has.Count.EqualTo(3));
        });
    }

    [Test]
    public async Task Run_TargetListFailsOnce_LoopGoesOn()
    {
        await using var sut = new DaemonHarness(targets: new FlakyTargets(failingCall: 2));
        await sut.StartAsync(SentinelLane.LoopName);

        await sut.RunUntilAsync(TimeSpan.FromSeconds(30));

        Assert.That(sut.Checker.SentinelStarts, Is.EqualTo(new[] { 0, 20, 30 }.Select(s => TimeSpan.FromSeconds(s))));
    }

    [Test]
    public async Task Run_CycleOverBudget_CancelledAndLoopGoesOn()
    {
        await using var sut = CreateSut();
        sut.Checker.SentinelScripts[1] = async token =>
        {
            await Task.Delay(Timeout.Infinite, token);
            return [];
        };
        sut.AllowBusy(SentinelLane.LoopName);
        await sut.StartAsync(SentinelLane.LoopName);

        // Budget of a pass of two sentinels: (2 + 2 × 1 wave) × 8 s timeout; then the overdue slot at once, then the plan.
        await sut.RunUntilAsync(TimeSpan.FromSeconds(40));

        // The hung pass is cancelled at its budget, the overdue pass runs at once and the pass after it lands on the
        // plan: the harness moves time only while the hung pass is held, so no host's scheduling can shift them.
        Assert.That(sut.Checker.SentinelStarts, Is.EqualTo(new[] { 0, 32, 40 }.Select(s => TimeSpan.FromSeconds(s))), "the loop goes on after the cancelled pass");
    }

    [Test]
    public async Task Run_CutSeenBySentinelsWhileRoundsHang_CommittedWithin30Seconds()
    {
        await using var sut = CreateSut();
        var hung = new TaskCompletionSource<IReadOnlyList<CheckResult>>();
        sut.Checker.RoundScripts[3] = _ => hung.Task;
        await sut.StartAsync(SentinelLane.LoopName, RoundScheduler.LoopName);
        await sut.RunUntilAsync(TimeSpan.FromSeconds(15));

        sut.Checker.Network = NetworkState.Shutdown;
        sut.AllowBusy(RoundScheduler.LoopName);
        await sut.RunUntilAsync(TimeSpan.FromSeconds(45));
        var changes = sut.Store.Changes.Select(c => (c.Previous, c.Current.State, At: c.Clock.Wall - sut.Origin)).ToArray();
        hung.SetResult(FakeNetwork.Round(NetworkState.Shutdown));

        Assert.That(changes, Is.EqualTo(new[]
        {
            (VerdictState.Unknown, VerdictState.Online, TimeSpan.FromSeconds(10)),
            // Seen by the pass at 20 s, confirmed by the pass of every sentinel that follows it at once.
            (VerdictState.Online, VerdictState.FullShutdown, TimeSpan.FromSeconds(20)),
        }));
    }

    private sealed class FlakyTargets(int failingCall) : ITargetSource
    {
        private int _calls;

        public IReadOnlyList<Probe.Targets.Target> GetTargets() =>
            Interlocked.Increment(ref _calls) == failingCall ? throw new IOException("targets file vanished") : FakeNetwork.Targets;
    }

    private static DaemonHarness CreateSut(Action<Probe.Configuration.ProbeOptions>? configure = null) => new(configure);
}
