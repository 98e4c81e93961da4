using System.Text.Json;
using System.Text.RegularExpressions;

namespace Probe.Tests.Cli;

/// <summary><c>probe run</c> as systemd would start it: the real daemon against real servers on loopback.</summary>
[Category("Integration")]
public sealed partial class RunCommandTests
{
    private static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(30);

    [Test]
    public async Task Run_UntilOnline_StoresVerdictAndBothLanesAndShowsLeds()
    {
        // Waits on what the daemon prints, never on the clock. probe_health (once a minute) is left to
        // HealthReporterTests, which move a fake clock; AddDaemon's tests check run hosts the reporter.
        using var world = LoopbackWorld.Start(schedule: new { SentinelInterval = "00:00:01", RoundInterval = "00:00:05", ConfirmRounds = 2 });
        using var probe = RunningProbe.Start(world.ConfigPath);

        await probe.WaitForLineAsync("led net-green solid", TimeSpan.FromSeconds(60));
        await probe.WaitForLineAsync("Round of 3 targets", 2, TimeSpan.FromSeconds(60));
        var exit = await probe.TerminateAsync(ShutdownTimeout);
        var points = await ExportAsync(world);

        Assert.That(exit, Is.Zero, probe.Stderr);
        var verdicts = points.Where(p => p.Measurement == "probe_verdict").ToList();
        var checks = points.Where(p => p.Measurement == "probe_check").ToList();
        Assert.Multiple(() =>
        {
            Assert.That(verdicts.Select(v => (v.Field("previous"), v.Field("state"))), Does.Contain(("unknown", "online")), "the first committed state change");
            Assert.That(checks.Select(c => c.Tag("lane")).Distinct(), Is.EquivalentTo(new[] { "round", "sentinel" }));
            Assert.That(checks.Count(c => c.Tag("lane") == "round"), Is.GreaterThanOrEqualTo(2 * 3), "two rounds of three targets");
            Assert.That(probe.Stderr, Does.Contain("led power heartbeat"));
            Assert.That(probe.Stderr, Does.Contain("led net-green slow_blink"), "unknown while starting");
        });
    }

    [Test]
    public async Task Run_SigtermDuringRound_ExitsZeroAndLosesNoResult()
    {
        // Every round waits on a silent platform target until the check deadline: SIGTERM lands mid-round.
        using var world = LoopbackWorld.Start(schedule: new { SentinelInterval = "00:00:02", RoundInterval = "00:00:05" });
        using var probe = RunningProbe.Start(world.ConfigPath);
        // "Round of 3 targets: …" ends a round; "<Kind> round of 3 targets" starts one. After the first round has ended, the
        // second start line means a round is in flight (held by the silent target until the deadline): SIGTERM lands in it.
        await probe.WaitForLineAsync("Round of 3 targets", TimeSpan.FromSeconds(60));
        await probe.WaitForLineAsync(" round of 3 targets", 2, TimeSpan.FromSeconds(60));

        var exit = await probe.TerminateAsync(ShutdownTimeout);
        var points = await ExportAsync(world);

        Assert.That(exit, Is.Zero, probe.Stderr);
        var logged = RoundLine().Matches(probe.Stderr).Sum(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
        var storedRound = points.Count(p => p.Measurement == "probe_check" && p.Tag("lane") == "round");
        Assert.That(storedRound, Is.GreaterThanOrEqualTo(logged), $"every round result the daemon reported is in the store; log:\n{probe.Stderr}");
    }

    private static async Task<List<ExportedPoint>> ExportAsync(LoopbackWorld world)
    {
        var export = await ProbeProcess.RunAsync(["export", "--format", "json", "--config", world.ConfigPath], TimeSpan.FromSeconds(60));
        Assert.That(export.ExitCode, Is.Zero, export.ToString());
        return [.. export.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(ExportedPoint.Parse)];
    }

    [GeneratedRegex(@"Round of \d+ targets: (\d+) results")]
    private static partial Regex RoundLine();
}

/// <summary>One line of <c>probe export --format json</c>.</summary>
internal sealed record ExportedPoint(string Measurement, IReadOnlyDictionary<string, string> Tags, IReadOnlyDictionary<string, JsonElement> Fields, long TimestampMs)
{
    public static ExportedPoint Parse(string line)
    {
        using var json = JsonDocument.Parse(line);
        var root = json.RootElement;
        return new ExportedPoint(
            root.GetProperty("measurement").GetString()!,
            root.GetProperty("tags").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!),
            root.GetProperty("fields").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone()),
            root.GetProperty("timestamp_ms").GetInt64());
    }

    public string Tag(string key) => Tags.GetValueOrDefault(key) ?? "";

    public string? Field(string key) => Fields.TryGetValue(key, out var v) ? (v.ValueKind == JsonValueKind.String ? v.GetString() : v.ToString()) : null;
}
