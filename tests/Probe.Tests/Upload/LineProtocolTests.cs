using Probe.Storage;
using Probe.Upload;

namespace Probe.Tests.Upload;

public sealed class LineProtocolTests
{
    [Test]
    public void Format_TagsWithSpaceCommaEquals_AreEscaped()
    {
        var point = new ProbePoint("probe_check", [new("isp", "Sonatel, Orange=SN")], [new("ok", true)], 1_700_000_000_123);

        var line = LineProtocol.Format(point);

        Assert.That(line, Is.EqualTo(@"probe_check,isp=Sonatel\,\ Orange\=SN ok=true 1700000000123"));
    }

    [Test]
    public void Format_FieldTypes_UseLineProtocolSuffixes()
    {
        var point = new ProbePoint("probe_check", [], [new("ok", false), new("status", 200L), new("total_ms", 12.5), new("rcode", "NOERROR")], 5);

        var line = LineProtocol.Format(point);

        Assert.That(line, Is.EqualTo("probe_check ok=false,rcode=\"NOERROR\",status=200i,total_ms=12.5 5"));
    }

    [Test]
    public void Format_StringWithQuotesAndBackslash_RoundTrips()
    {
        var point = new ProbePoint("probe_verdict", [new("probe", "p 1")], [new("findings", "[{\"a\":\"b\\\\c\"}]")], 42);

        var parsed = LineProtocolParser.Parse(LineProtocol.Format(point));

        Assert.That(parsed.Key(), Is.EqualTo(ParsedPoint.From(point).Key()));
    }

    [Test]
    public void Format_EmptyTag_IsOmitted()
    {
        var point = new ProbePoint("probe_check", [new("failure", ""), new("kind", "dns")], [new("ok", true)], 1);

        Assert.That(LineProtocol.Format(point), Is.EqualTo("probe_check,kind=dns ok=true 1"));
    }

    [Test]
    public void Format_LineBreakInStringField_StaysOnOneLine()
    {
        var point = new ProbePoint("probe_check", [new("failure", "unknown_failure: a\nb")], [new("answers", "x\r\ny")], 1);

        var line = LineProtocol.Format(point);

        Assert.That(line, Does.Not.Contain('\n').And.Not.Contain('\r'));
        Assert.That(LineProtocolParser.Parse(line).Fields["answers"], Is.EqualTo("x y"));
    }

    [Test]
    public void Format_GeneratedPoints_RoundTripThroughIndependentParser()
    {
        var points = TestPoints.Checks(50, 1_700_000_000_000);

        var parsed = points.Select(p => LineProtocolParser.Parse(LineProtocol.Format(p)).Key());

        Assert.That(parsed, Is.EqualTo(points.Select(p => ParsedPoint.From(p).Key())));
    }
}
