using System.Text;
using System.Text.Json;
using Probe.Checks;
using Probe.Cli;
using Probe.Targets;
using Probe.Tests.Verdicts;
using Probe.Verdicts;

namespace Probe.Tests.Cli;

/// <summary>A throughput result and a throttling finding in <c>probe check</c>'s table and JSON.</summary>
public sealed class CheckReportThroughputTests
{
    private static CheckReport CreateReport()
    {
        var result = new CheckResult
        {
            Target = "tiktok-cdn",
            Group = TargetGroup.Platform,
            Platform = "tiktok",
            Kind = CheckKind.Throughput,
            Host = "tiktok-cdn.test",
            Address = "127.3.0.1",
            Port = 443,
            Ok = true,
            Ms = 4100,
            Status = 200,
            Bytes = 65536,
            Kbps = 127.46,
            Clock = ResultsBuilder.Clock,
        };
        var finding = new Finding(VerdictState.Degraded, "tiktok", ["tiktok-cdn"], null, "throughput", How: "throttling", Ratio: 0.0123);
        return new CheckReport("lab", "0.1", ResultsBuilder.Clock.Wall, [result], new Verdict(VerdictState.Degraded, [finding]));
    }

    [Test]
    public void Write_Json_ResultHasKbpsAndFindingHowAndRatio()
    {
        using var output = new MemoryStream();

        CheckReportJson.Write(output, CreateReport());

        using var json = JsonDocument.Parse(output.ToArray());
        var result = json.RootElement.GetProperty("results")[0];
        var finding = json.RootElement.GetProperty("verdict").GetProperty("findings")[0];
        Assert.Multiple(() =>
        {
            Assert.That(result.GetProperty("kind").GetString(), Is.EqualTo("throughput"));
            Assert.That(result.GetProperty("kbps").GetDouble(), Is.EqualTo(127.5));
            Assert.That(result.GetProperty("bytes").GetInt64(), Is.EqualTo(65536));
            Assert.That(finding.GetProperty("how").GetString(), Is.EqualTo("throttling"));
            Assert.That(finding.GetProperty("platform").GetString(), Is.EqualTo("tiktok"));
            Assert.That(finding.GetProperty("ratio").GetDouble(), Is.EqualTo(0.0123));
        });
    }

    [Test]
    public void Write_Table_ThroughputRowShowsRateAndBytes()
    {
        using var output = new StringWriter();

        CheckReportTable.Write(output, CreateReport());

        Assert.That(output.ToString(), Does.Contain("throughput").And.Contain("127 kbit/s · 65536 B").And.Contain("throttling ×0.0123"));
    }
}
