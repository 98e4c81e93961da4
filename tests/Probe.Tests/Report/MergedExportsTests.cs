using Probe.Report;

namespace Probe.Tests.Report;

/// <summary>Exports of two probes read together: identical timestamps stay two probes' rows, one file given twice counts once.</summary>
public sealed class MergedExportsTests
{
    private string _dir = "";

    [SetUp]
    public void SetUp() => _dir = Directory.CreateTempSubdirectory("probe-report-merge-").FullName;

    [TearDown]
    public void TearDown() => Directory.Delete(_dir, recursive: true);

    [Test]
    public async Task BuildAsync_TwoProbesSameTimestampsOneFileTwice_OneTimelineEachNothingMergedNothingDoubled()
    {
        var a = Write("a.lp", "dakar-01", "Dakar", "Orange", 8346);
        var b = Write("b.lp", "thies-02", "Thies", "Free", 37649);

        var model = await ReportBuilder.BuildAsync(new ExportFileRows([a, b, a]), null, null, DateTimeOffset.UnixEpoch, "test", CancellationToken.None);

        Assert.That(model!.Probes.Select(p => (p.Id, p.Region, p.Isp, p.Asn)),
            Is.EqualTo(new[] { ("dakar-01", "Dakar", "Orange", (long?)8346), ("thies-02", "Thies", "Free", (long?)37649) }));
        Assert.That(model.Timelines.Select(t => t.Probe), Is.EqualTo(new[] { "dakar-01", "thies-02" }));
        Assert.That(model.Incidents.Select(i => (i.Probe, i.State, i.Evidence.Checks, i.Evidence.Failed)),
            Is.EqualTo(new[] { ("dakar-01", "international_cut", 4L, 3L), ("thies-02", "international_cut", 4L, 3L) }),
            "same timestamps, two probes: two incidents of 4 checks each (the lead-up from 10 s) (a given twice counts once)");
    }

    // A probe whose checks and verdicts fall on exactly the same milliseconds as the other's.
    private string Write(string name, string probe, string region, string isp, int asn)
    {
        const long t0 = 1_800_000_000_000;
        var tags = $"asn={asn},isp={isp},probe={probe},region={region}";
        var findings = "\"[{\\\"state\\\":\\\"international_cut\\\",\\\"targets\\\":[\\\"intl\\\"],\\\"kind\\\":\\\"tcp\\\"}]\"";
        string Check(long s, bool ok) => $"probe_check,clock=synced,group=international,{tags},kind=tcp,target=intl ok={(ok ? "true" : "false")} {t0 + (s * 1000)}";
        var lines = new[]
        {
            $"probe_verdict,clock=synced,{tags} state=\"online\",findings=\"[]\" {t0}",
            Check(5, true), Check(10, false), Check(15, false),
            $"probe_verdict,clock=synced,{tags} state=\"international_cut\",findings={findings} {t0 + 16_000}",
            Check(20, false), Check(30, true),
            $"probe_verdict,clock=synced,{tags} state=\"online\",findings=\"[]\" {t0 + 31_000}",
        };
        var path = Path.Combine(_dir, name);
        File.WriteAllLines(path, lines);
        return path;
    }
}
