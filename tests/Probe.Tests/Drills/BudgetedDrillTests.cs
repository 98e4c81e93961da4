using System.Text.Json.Nodes;
using Probe.Tests.Cli;

namespace Probe.Tests.Drills;

/// <summary>
/// The drill world with the daemon at the default budget (Budget.DailyBytes left out: 30 MB) and the default sentinel
/// rhythm: an international cut and a platform block are still committed, each within its promise (30 s, 10 minutes),
/// and online again within 30 s of the cut's lift (an outage in the store lasts as long as the cut did),
/// as the committed verdicts' own timestamps in the store show. The platform watch is left at its default (9 min): at one
/// minute the budget does not pay for it, the planner stretches it by how much of the day is left, and the block's time
/// then depended on the hour the test ran (680 s at 02:30 UTC, over 12 min at 01:00; runs late in the day passed).
/// The full rounds' floor (Schedule.RoundInterval) is low so
/// the budgeted planner may run coverage as often as the small drill catalog lets it pay for; throughput is off, as on
/// most of the default catalog.
/// </summary>
[Category("Drill")]
[NonParallelizable]
public sealed class BudgetedDrillTests
{
    private static readonly TimeSpan CutPromise = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan BlockPromise = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(12);

    private DrillWorld _world = null!;
    private DrillDaemon _daemon = null!;
    private string _config = null!;
    private readonly DaemonLog _log = new();

    [OneTimeSetUp]
    public async Task StartWorld()
    {
        _world = DrillWorld.Start();
        _config = Path.Combine(_world.Directory, "probe-budgeted.json");
        var config = JsonNode.Parse(await File.ReadAllTextAsync(_world.ConfigPath))!;
        var probe = config["Probe"]!;
        probe.AsObject().Remove("Budget");
        probe["Schedule"] = new JsonObject { ["RoundInterval"] = "00:00:10", ["Jitter"] = 0.1, ["ConfirmRounds"] = 2 };
        foreach (var target in probe["Targets"]!["Items"]!.AsArray())
        {
            target!.AsObject().Remove("Throughput");
            target["Url"] = target["Url"]!.GetValue<string>().Replace("/throughput", "/", StringComparison.Ordinal);
        }

        await File.WriteAllTextAsync(_config, config.ToJsonString());
        _daemon = DrillDaemon.Start(_world.Namespace, _config, _log);
        await CommitAsync(0, "online", TimeSpan.FromSeconds(120), "the first verdict after start");
    }

    [OneTimeTearDown]
    public void StopWorld()
    {
        try
        {
            _daemon?.Stop(TimeSpan.FromSeconds(25));
        }
        catch (TimeoutException)
        {
            // Stop killed it.
        }
        finally
        {
            _daemon?.Dispose();
            _world?.Dispose();
        }
    }

    [Test]
    [Order(1)]
    public Task Run_InternationalCutAtDefaultBudget_CommittedWithinThirtySecondsAndOnlineWithinThirtySecondsOfTheLift() =>
        DisruptAsync(Disruptions.InternationalCut, "international_cut", CutPromise, recoveryPromise: CutPromise);

    [Test]
    [Order(2)]
    public Task Run_PlatformTlsBlockAtDefaultBudget_CommittedWithinTenMinutes() =>
        DisruptAsync(Disruptions.TlsInterference("whatsapp"), "platform_block", BlockPromise);

    private async Task DisruptAsync(string rules, string state, TimeSpan promise, TimeSpan? recoveryPromise = null)
    {
        if (LastCommitted != "online")
        {
            await CommitAsync(_log.Count, "online", Patience, "the scenario must start from online");
        }

        var mark = _log.Count;
        var cutAt = DateTimeOffset.UtcNow;
        _world.Apply(rules);
        int liftMark;
        DateTimeOffset liftedAt;
        try
        {
            await CommitAsync(mark, state, Patience, $"after the rule ({state})");
        }
        finally
        {
            liftMark = _log.Count;
            _world.Apply(null);
            liftedAt = DateTimeOffset.UtcNow;
        }

        var verdict = await CommittedAsync(state, cutAt);
        TestContext.Progress.WriteLine($"budgeted drill: {state} committed {(verdict.Time - cutAt).TotalSeconds:0.0} s after the rule; lanes: {string.Join(" | ", _log.Since(0).Where(l => l.Text.Contains("Lanes", StringComparison.Ordinal)).TakeLast(2))}");
        Assert.That(verdict.Time - cutAt, Is.LessThanOrEqualTo(promise), $"the promise for {state} at the default budget; verdict {verdict}");
        if (recoveryPromise is { } back)
        {
            await CommitAsync(liftMark, "online", Patience, $"after the rule was lifted ({state})");
            var online = await CommittedAsync("online", liftedAt);
            TestContext.Progress.WriteLine($"budgeted drill: online committed {(online.Time - liftedAt).TotalSeconds:0.0} s after the lift");
            Assert.That(online.Time - liftedAt, Is.LessThanOrEqualTo(back), $"online again after {state} at the default budget; verdict {online}");
        }
    }

    /// <summary>The first verdict of <paramref name="state"/> committed at or after <paramref name="since"/>, from the store's export.</summary>
    private async Task<VerdictRecord> CommittedAsync(string state, DateTimeOffset since)
    {
        var export = await ProbeProcess.RunAsync(["export", "--format", "json", "--config", _config], TimeSpan.FromSeconds(120), wrapWith: $"nsenter --net={_world.Namespace.Path}");
        var verdict = VerdictRecord.FromExport(export.Stdout).FirstOrDefault(v => v.Time >= since && v.State == state);
        Assert.That(verdict, Is.Not.Null, $"the log shows {state} committed, the store holds: {export.Stdout.Length} bytes of export, {export}");
        return verdict!;
    }

    private string LastCommitted => _log.Since(0).LastOrDefault(l => l.CommittedState is not null)?.CommittedState ?? "unknown";

    private async Task CommitAsync(int from, string state, TimeSpan timeout, string context)
    {
        var line = await _log.WaitForAsync(from, l => l.CommittedState == state, timeout, () => _daemon.HasExited);
        Assert.That(line, Is.Not.Null, () =>
            $"{context}: expected '{state}' committed within {timeout.TotalMinutes:0} min; committed instead: [" +
            string.Join(" | ", _log.Since(from).Where(l => l.CommittedState is not null)) + "]; last lines:\n" +
            string.Join('\n', _log.Since(from).TakeLast(25)));
    }
}
