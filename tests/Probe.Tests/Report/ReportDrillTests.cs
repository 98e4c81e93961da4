using System.Text.Json;
using Probe.Tests.Drills;

namespace Probe.Tests.Report;

/// <summary>
/// Reports of a real daemon run in the drill's private namespace: an international cut and WhatsApp blocked by TLS
/// resets, each played and healed; the report's incident times must lie between the moment the test cut (healed) and
/// the moment it saw the daemon commit, within one interval of the lane that decides it.
/// </summary>
[Category("Drill")]
[NonParallelizable]
public sealed class ReportDrillTests
{
    private DrillSession _session = null!;

    private static string Artifacts => Path.Combine(TestContext.CurrentContext.WorkDirectory, "report-drill-artifacts");

    [OneTimeSetUp]
    public async Task StartWorld() => _session = await DrillSession.StartAsync(Artifacts);

    [OneTimeTearDown]
    public void StopWorld() => _session?.Dispose();

    [Test]
    public async Task Report_CutAndTlsBlock_IncidentsBetweenCutAndCommitFromStoreAndExports()
    {
        var cut = await PlayAsync(() => _session.World.Apply(Disruptions.InternationalCut), "international_cut");
        var tls = await PlayAsync(() => _session.World.Apply(Disruptions.TlsInterference("whatsapp")), "platform_block");

        var store = await _session.ProbeAsync("report", "--format", "json");
        Assert.That(store.ExitCode, Is.EqualTo(0), store.ToString());
        await File.WriteAllTextAsync(Path.Combine(Artifacts, "report.json"), store.Stdout);
        using var doc = JsonDocument.Parse(store.Stdout);
        var incidents = doc.RootElement.GetProperty("incidents").EnumerateArray().ToList();

        var international = incidents.Single(i => i.GetProperty("state").GetString() == "international_cut");
        AssertWithin(international, cut, DrillScale.SentinelInterval);
        Assert.That(international.GetProperty("groups").EnumerateArray().Select(g => g.GetString()), Does.Contain("international"));
        Assert.That(international.GetProperty("evidence").GetProperty("failed").GetInt64(), Is.GreaterThan(0));

        var block = incidents.Single(i => i.GetProperty("state").GetString() == "platform_block");
        AssertWithin(block, tls, DrillScale.RoundInterval);
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

    // Start at or after the cut and no later than the seen commit plus one interval of the deciding lane (the stored
    // time is stamped at the commit, the log line shortly after); the same for the end and the heal. Report times are
    // whole seconds, so one more second either way.
    private static void AssertWithin(JsonElement incident, Played played, TimeSpan lane)
    {
        var start = DateTimeOffset.Parse(incident.GetProperty("start").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        var end = DateTimeOffset.Parse(incident.GetProperty("end").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        var second = TimeSpan.FromSeconds(1);
        Assert.That(start, Is.InRange(played.Cut - second, played.Committed + lane + second), "start");
        Assert.That(end, Is.InRange(played.Healed - second, played.Online + lane + second), "end");
    }

    private async Task<Played> PlayAsync(Action cut, string state)
    {
        var mark = _session.Log.Count;
        var cutAt = DateTimeOffset.UtcNow;
        cut();
        await _session.CommitAsync(mark, state, DrillSession.CommitTimeout, $"report drill: {state}");
        var committed = DateTimeOffset.UtcNow;
        var healMark = _session.Log.Count;
        var healed = DateTimeOffset.UtcNow;
        _session.World.Apply(null);
        await _session.CommitAsync(healMark, "online", DrillSession.CommitTimeout, $"report drill: online after {state}");
        return new Played(cutAt, committed, healed, DateTimeOffset.UtcNow);
    }

    private sealed record Played(DateTimeOffset Cut, DateTimeOffset Committed, DateTimeOffset Healed, DateTimeOffset Online);
}
