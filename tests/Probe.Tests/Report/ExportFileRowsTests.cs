using Probe.Report;

namespace Probe.Tests.Report;

public sealed class ExportFileRowsTests
{
    private string _dir = "";

    [SetUp]
    public void SetUp() => _dir = Directory.CreateTempSubdirectory("probe-report-").FullName;

    [TearDown]
    public void TearDown() => Directory.Delete(_dir, recursive: true);

    [Test]
    public async Task ReadAsync_LineProtocolWithEscapes_ReadsTagsFieldsAndTime()
    {
        var rows = await ReadAll(Write("a.lp", "probe_check,clock=synced,isp=Drill\\ Net,probe=p1 ok=false,status=200i,answers=\"a \\\"b\\\"\",total_ms=1.5 1800000000000\n"));
        var row = rows.Single();
        Assert.That((row.Tag("isp"), row.Flag("ok"), row.Fields["status"], row.Text("answers"), row.Fields["total_ms"], row.TimestampMs),
            Is.EqualTo(("Drill Net", (bool?)false, (object)200L, "a \"b\"", (object)1.5, 1_800_000_000_000L)));
    }

    [Test]
    public async Task ReadAsync_JsonExportLine_ReadsIt()
    {
        var rows = await ReadAll(Write("a.json", """{"measurement":"probe_verdict","time":"x","timestamp_ms":1800000000000,"tags":{"probe":"p1"},"fields":{"state":"online"}}""" + "\n"));
        Assert.That(rows.Single().Text("state"), Is.EqualTo("online"));
    }

    [TestCase("cpu,host=a usage=1 1800000000000", "is no measurement of the probe")]
    [TestCase("probe_check,probe=p1 ok=maybe 1800000000000", "field 'ok' has the value 'maybe'")]
    [TestCase("probe_check,probe=p1 ok=true 1800000000000000000", "not in milliseconds")]
    [TestCase("\u0001\u0002garbage", "not a probe export line")]
    public void ReadAsync_BrokenOrForeignLine_NamesFileAndLine(string bad, string problem)
    {
        var path = Write("stick.lp", "probe_check,probe=p1 ok=true 1800000000000\n\n" + bad + "\n");
        var e = Assert.ThrowsAsync<ReportInputException>(() => ReadAll(path));
        Assert.That(e!.Message, Does.StartWith($"{path}:3: "));
        Assert.That(e.Message, Does.Contain(problem));
    }

    [Test]
    public void ReadAsync_CsvExport_SaysToExportLpOrJson()
    {
        var e = Assert.ThrowsAsync<ReportInputException>(() => ReadAll(Write("a.csv", "measurement,time,timestamp_ms,probe\r\n")));
        Assert.That(e!.Message, Does.Contain("--format lp or --format json"));
    }

    private string Write(string name, string text)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    private static async Task<List<ReportRow>> ReadAll(string path)
    {
        var rows = new List<ReportRow>();
        await foreach (var row in new ExportFileRows([path]).ReadAsync(CancellationToken.None))
        {
            rows.Add(row);
        }

        return rows;
    }
}
