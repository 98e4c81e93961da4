using System.Text.Json;
using System.Text.Json.Nodes;
using Probe.Tests.Cli;
using Probe.Tests.Drills;

namespace Probe.Tests.Report;

/// <summary>
/// Reports of real daemon runs in the drill's private namespace: two probes (each its own id, region, ISP, ASN and
/// store) measure the same world while an international cut and WhatsApp blocked by TLS resets are each played and
/// healed once. The report's incident times must lie between the moment the test cut (healed) and the moment it saw
/// the daemon commit, within one interval of the lane that decides it; its evidence starts at the first failure.
/// </summary>
[Category("Drill")]
[NonParallelizable]
public sealed class ReportDrillTests
{
    private const string SecondId = "drill-02";
    private DrillSession _session = null!;
    private DrillDaemon? _second;
    private readonly DaemonLog _secondLog = new();
    private string _secondConfig = "";
    private Played _cut = null!;
    private Played _tls = null!;

    private static string Artifacts => Path.Combine(TestContext.CurrentContext.WorkDirectory, "report-drill-artifacts");

    [OneTimeSetUp]
    public async Task StartWorldAndPlay()
    {
        _session = await DrillSession.StartAsync(Artifacts);
        // The second probe: the same world, another identity and store, no upload (the report reads its export).
        var config = JsonNode.Parse(await File.ReadAllTextAsync(_session.World.ConfigPath))!;
        var probe = config["Probe"]!;
        probe["Id"] = SecondId;
        probe["Region"] = "Thies";
        probe["Isp"] = "OtherNet";
        probe["Asn"] = 37649;
        probe["Store"]!["Path"] = Path.Combine(_session.World.Directory, "results-02.db");
        probe["Sink"] = new JsonObject { ["Kind"] = "none" };
        _secondConfig = Path.Combine(_session.World.Directory, "probe-02.json");
        await File.WriteAllTextAsync(_secondConfig, config.ToJsonString());
        _second = DrillDaemon.Start(_session.World.Namespace, _secondConfig, _secondLog);
        await SecondCommitAsync(0, "online", TimeSpan.FromSeconds(90));

        _cut = await PlayAsync(() => _session.World.Apply(Disruptions.InternationalCut), "international_cut");
        _tls = await PlayAsync(() => _session.World.Apply(Disruptions.TlsInterference("whatsapp")), "platform_block");
    }

    [OneTimeTearDown]
    public void StopWorld()
    {
        try
        {
            if (_second is { HasExited: false })
            {
                _second.Stop(TimeSpan.FromSeconds(25));
            }
        }
        catch (TimeoutException)
        {
            // Stop killed it.
        }
        finally
        {
            _second?.Dispose();
            File.WriteAllLines(Path.Combine(Artifacts, "daemon-02.log"), _secondLog.Since(0).Select(l => l.Text));
            _session?.Dispose();
        }
    }

    [Test]
    public async Task Report_CutAndTlsBlock_IncidentsBetweenCutAndCommitFromStoreAndExports()
    {
        var store = await _session.ProbeAsync("report", "--format", "json");
        Assert.That(store.ExitCode, Is.EqualTo(0), store.ToString());
        await File.WriteAllTextAsync(Path.Combine(Artifacts, "report.json"), store.Stdout);
        using var doc = JsonDocument.Parse(store.Stdout);
        var incidents = doc.RootElement.GetProperty("incidents").EnumerateArray().ToList();

        var international = incidents.Single(i => i.GetProperty("state").GetString() == "international_cut");
        AssertWithin(international, _cut.Of("drill-01"), DrillScale.SentinelInterval);
        Assert.That(international.GetProperty("groups").EnumerateArray().Select(g => g.GetString()), Does.Contain("international"));
        Assert.That(international.GetProperty("evidence").GetProperty("failed").GetInt64(), Is.GreaterThan(0));

        var block = incidents.Single(i => i.GetProperty("state").GetString() == "platform_block");
        AssertWithin(block, _tls.Of("drill-01"), DrillScale.RoundInterval);
        var platforms = block.GetProperty("platforms").EnumerateArray().ToDictionary(p => p.GetProperty("platform").GetString()!, p => p.GetProperty("how").GetString());
        Assert.That(platforms, Does.ContainKey("whatsapp").WithValue("tls"));
        Assert.That(platforms, Does.Not.ContainKey("tiktok"));

        // The same run from its exports, lp and json together (the same probe twice): the same incidents, counted once.
        var lp = await _session.ProbeAsync("export", "--format", "lp", "--output", Path.Combine(_session.World.Directory, "stick.lp"));
        var json = await _session.ProbeAsync("export", "--format", "json", "--output", Path.Combine(_session.World.Directory, "stick.json"));
        Assert.That((lp.ExitCode, json.ExitCode), Is.EqualTo((0, 0)));
        var files = await _session.ProbeAsync("report", "--format", "json", "--input", Path.Combine(_session.World.Directory, "stick.lp"), Path.Combine(_session.World.Directory, "stick.json"));
        using var fromFiles = JsonDocument.Parse(files.Stdout);
        var again = fromFiles.RootElement.GetProperty("incidents").EnumerateArray().ToList();
        Assert.That(again.Select(i => (i.GetProperty("state").GetString(), i.GetProperty("start").GetString(), i.GetProperty("end").GetString())),
            Is.EqualTo(incidents.Select(i => (i.GetProperty("state").GetString(), i.GetProperty("start").GetString(), i.GetProperty("end").GetString()))));
        Assert.That(again.Select(i => i.GetProperty("evidence").GetProperty("checks").GetInt64()),
            Is.EqualTo(incidents.Select(i => i.GetProperty("evidence").GetProperty("checks").GetInt64())), "a probe exported twice counts once");

        var html = await _session.ProbeAsync("report", "--output", Path.Combine(Artifacts, "report.html"));
        Assert.That(html.ExitCode, Is.EqualTo(0), html.ToString());
    }

    [Test]
    public async Task Report_ExportsOfTwoProbes_OneTimelineEachIncidentsOfEachNothingCountedTwice()
    {
        var dir = _session.World.Directory;
        string Stick(string name) => Path.Combine(dir, name);
        var exports = new[]
        {
            await _session.ProbeAsync("export", "--format", "lp", "--output", Stick("01.lp")),
            await SecondAsync("export", "--format", "json", "--output", Stick("02.json")),
            await SecondAsync("export", "--format", "lp", "--output", Stick("02.lp")),
        };
        Assert.That(exports.Select(e => e.ExitCode), Is.All.EqualTo(0), string.Join("\n", exports.Select(e => e.ToString())));

        var once = await _session.ProbeAsync("report", "--format", "json", "--input", Stick("01.lp"), Stick("02.json"));
        var twice = await _session.ProbeAsync("report", "--format", "json", "--input", Stick("01.lp"), Stick("02.json"), Stick("02.lp"), Stick("01.lp"));
        var html = await _session.ProbeAsync("report", "--output", Path.Combine(Artifacts, "report-two-probes.html"), "--input", Stick("01.lp"), Stick("02.json"));
        Assert.That((once.ExitCode, twice.ExitCode, html.ExitCode), Is.EqualTo((0, 0, 0)), once + "\n" + twice + "\n" + html);
        await File.WriteAllTextAsync(Path.Combine(Artifacts, "report-two-probes.json"), once.Stdout);
        using var doc = JsonDocument.Parse(once.Stdout);

        var probes = doc.RootElement.GetProperty("probes").EnumerateArray()
            .Select(p => (p.GetProperty("id").GetString(), p.GetProperty("region").GetString(), p.GetProperty("isp").GetString(), p.GetProperty("asn").ValueKind == JsonValueKind.Number ? p.GetProperty("asn").GetInt64() : (long?)null)).ToList();
        Assert.That(probes, Is.EqualTo(new[] { ("drill-01", "Dakar", "DrillNet", (long?)null), (SecondId, "Thies", "OtherNet", (long?)37649) }));
        var page = await File.ReadAllTextAsync(Path.Combine(Artifacts, "report-two-probes.html"));
        Assert.That(page.Split("class=\"timeline\"").Length - 1, Is.EqualTo(2), "one timeline per probe");

        var incidents = doc.RootElement.GetProperty("incidents").EnumerateArray().ToList();
        foreach (var id in new[] { "drill-01", SecondId })
        {
            var mine = incidents.Where(i => i.GetProperty("probe").GetString() == id).ToList();
            Assert.That(mine.Select(i => i.GetProperty("state").GetString()), Is.EqualTo(new[] { "international_cut", "platform_block" }), id);
            AssertWithin(mine[0], _cut.Of(id), DrillScale.SentinelInterval);
            AssertWithin(mine[1], _tls.Of(id), DrillScale.RoundInterval);
        }

        // Both probes' exports once more, in another order and format: every probe's every incident counts the same.
        using var doubled = JsonDocument.Parse(twice.Stdout);
        Assert.That(doubled.RootElement.GetProperty("incidents").EnumerateArray().Select(Key), Is.EqualTo(incidents.Select(Key)));
    }

    private static string Key(JsonElement i) =>
        $"{i.GetProperty("probe").GetString()} {i.GetProperty("state").GetString()} {i.GetProperty("start").GetString()} {i.GetProperty("end").GetString()} " +
        $"{i.GetProperty("evidence").GetProperty("checks").GetInt64()}/{i.GetProperty("evidence").GetProperty("failed").GetInt64()}";

    // Start at or after the cut and no later than the seen commit plus one interval of the deciding lane (the stored
    // time is stamped at the commit, the log line shortly after); the same for the end and the heal. Report times are
    // whole seconds, so one more second either way. The evidence starts at the first failure the cut caused: after the
    // cut, before the commit.
    private static void AssertWithin(JsonElement incident, Window played, TimeSpan lane)
    {
        var start = Time(incident.GetProperty("start"));
        var end = Time(incident.GetProperty("end"));
        var from = Time(incident.GetProperty("evidence").GetProperty("from"));
        var second = TimeSpan.FromSeconds(1);
        Assert.That(start, Is.InRange(played.Cut - second, played.Committed + lane + second), "start");
        Assert.That(end, Is.InRange(played.Healed - second, played.Online + lane + second), "end");
        Assert.That(from, Is.InRange(played.Cut - second, start).And.LessThan(start), "evidence from the first failing round, before the commit");
    }

    private static DateTimeOffset Time(JsonElement e) => DateTimeOffset.Parse(e.GetString()!, System.Globalization.CultureInfo.InvariantCulture);

    private Task<ProbeRun> SecondAsync(params string[] arguments) =>
        ProbeProcess.RunAsync([.. arguments, "--config", _secondConfig], TimeSpan.FromSeconds(120), wrapWith: $"nsenter --net={_session.World.Namespace.Path}");

    private async Task SecondCommitAsync(int from, string state, TimeSpan timeout)
    {
        var daemon = _second!;
        var line = await _secondLog.WaitForAsync(from, l => l.CommittedState == state, timeout, () => daemon.HasExited);
        Assert.That(line, Is.Not.Null, $"{SecondId}: expected a commit of '{state}' within {timeout.TotalSeconds:0} s; its last lines:\n" +
            string.Join('\n', _secondLog.Since(from).TakeLast(25).Select(l => l.Text)));
    }

    // One cut shared by both daemons: wait for each to commit it, heal, wait for each to commit online again.
    private async Task<Played> PlayAsync(Action cut, string state)
    {
        var (mark, secondMark) = (_session.Log.Count, _secondLog.Count);
        var cutAt = DateTimeOffset.UtcNow;
        cut();
        var committed = await Task.WhenAll(
            Stamp(_session.CommitAsync(mark, state, DrillSession.CommitTimeout, $"report drill: {state}")),
            Stamp(SecondCommitAsync(secondMark, state, DrillSession.CommitTimeout)));
        (mark, secondMark) = (_session.Log.Count, _secondLog.Count);
        var healed = DateTimeOffset.UtcNow;
        _session.World.Apply(null);
        var online = await Task.WhenAll(
            Stamp(_session.CommitAsync(mark, "online", DrillSession.CommitTimeout, $"report drill: online after {state}")),
            Stamp(SecondCommitAsync(secondMark, "online", DrillSession.CommitTimeout)));
        return new Played(new Window(cutAt, committed[0], healed, online[0]), new Window(cutAt, committed[1], healed, online[1]));
    }

    private static async Task<DateTimeOffset> Stamp(Task seen)
    {
        await seen;
        return DateTimeOffset.UtcNow;
    }

    private sealed record Window(DateTimeOffset Cut, DateTimeOffset Committed, DateTimeOffset Healed, DateTimeOffset Online);

    private sealed record Played(Window First, Window Second)
    {
        public Window Of(string probe) => probe == SecondId ? Second : First;
    }
}
