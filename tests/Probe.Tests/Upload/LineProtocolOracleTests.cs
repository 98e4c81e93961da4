using System.Text;
using Probe.Checks;
using Probe.Clock;
using Probe.Storage.Rows;
using Probe.Storage.Schema;
using Probe.Storage.Store;
using Probe.Storage;
using Probe.Tests.Storage;
using Probe.Upload;

namespace Probe.Tests.Upload;

/// <summary>The probe's own line-protocol writer against InfluxDB.Client's PointData: byte-identical lines or a failure.</summary>
public sealed class LineProtocolOracleTests
{
    private static readonly string[] Hostile =
    [
        "plain", "Sonatel, Orange=SN", "a b", "a,b", "a=b", "say \"hi\"", @"back\slash", @"ends with \", "\"", "\\\"",
        "line\nbreak", "cr\rreturn", "crlf\r\nend", "\r\n", "\n\n", "\r\r\n", "tab\there", "dakar-é-ü-ñ", "日本語", "emoji 🛰️ ok",
        "json {\"a\":[1,2]}", "<script>&amp;", "'single'", " lead and trail ", "=", ",", " ", "trailing\\", "a\u0000b", "\u2028sep\u2029",
    ];

    private static readonly double[] Doubles =
    [
        0, -0.0, 0.1, 12.5, 1.0 / 3, 1e-300, 1e21, 1e22, 123456789.123, double.MaxValue, double.MinValue, double.Epsilon, -42.000001,
    ];

    [Test]
    public async Task Write_RealSchemaRowsFromTheStore_MatchClientByteForByte()
    {
        using var fixture = new StoreFixture();
        using var store = fixture.CreateSut();
        var clock = fixture.Clock.Read();
        var results = new List<CheckResult>();
        for (var i = 0; i < Hostile.Length; i++)
        {
            results.Add(StoreFixture.Check("target-" + i, clock, (CheckKind)(i % 5), i % 3 == 0 ? null : 443) with
            {
                Failure = i % 4 == 0 ? null : "unknown_failure: " + Hostile[i],
                Rcode = Hostile[(i + 1) % Hostile.Length],
                Answers = [Hostile[(i + 2) % Hostile.Length], "192.0.2.1"],
                Status = i % 2 == 0 ? 200 : null,
                Bytes = i % 3 == 0 ? long.MaxValue - i : null,
                Ms = Doubles[i % Doubles.Length],
                Phases = new Phases(Dns: Doubles[(i + 3) % Doubles.Length], Total: Doubles[i % Doubles.Length]),
            });
        }

        await store.AppendResultsAsync(results, CancellationToken.None);
        await store.AppendHealthAsync(new HealthSample(clock, 1, 2, 3, 4.5, 5, 6.25, 7), CancellationToken.None);
        var points = (await store.AllAsync()).Select(p => p.Point).ToList();

        Assert.That(points, Has.Count.EqualTo(results.Count + 1));
        Assert.That(points.Select(p => p.Fields), Has.All.TypeOf<StoredFields>(), "the store hands out its stored fields for the fast path");
        using var scratch = new LineBuffer();
        Assert.That(points.Select(p => StoredFieldWriter.TryWrite(scratch, (StoredFields)p.Fields, out _)), Has.All.True, "and the fast path takes it");
        AssertSameAsClient(points);
    }

    [Test]
    public void Write_HostileTagsAndStringFields_MatchClientByteForByte()
    {
        var points = new List<ProbePoint>();
        for (var i = 0; i < Hostile.Length; i++)
        {
            var text = Hostile[i];
            points.Add(new ProbePoint("probe_check", [new("probe", "p"), new("isp", text), new(text.Length == 0 ? "k" : "k" + text, "v")],
                [new("answers", text), new("f" + text, 1L), new("ok", true)], i));
            points.Add(new ProbePoint("probe " + text, [new("region", text)], [new("address", text)], -i));
        }

        AssertSameAsClient(points);
        AssertSameAsClient(points.Select(AsStored).ToList());
    }

    [Test]
    public void Write_NumbersAndEdgeValues_MatchClientByteForByte()
    {
        var points = new List<ProbePoint>
        {
            new("probe_health", [], [new("buffer_rows", long.MaxValue), new("dropped_total", long.MinValue), new("status", 0L)], long.MaxValue),
            new("probe_health", [], [new("rss_bytes", -1L), new("bytes", 1L)], long.MinValue),
            new("probe_check", [new("empty", ""), new("a", "x")], [new("rcode", ""), new("ok", false)], 0),
            new("probe_check", [], [new("total_ms", double.NaN)], 1),
            new("probe_check", [], [new("total_ms", double.PositiveInfinity), new("dns_ms", double.NegativeInfinity), new("ok", true)], 2),
            new("probe_check", [], [new("total_ms", float.NaN), new("x", 1.5f), new("n", 7), new("m", (object)null!)], 3),
            new("probe_check", [new("b", "1"), new("a", "2"), new("b", "3")], [new("z", 1.0), new("a", 2.0), new("z", 3.0)], 4),
            new("probe_check", [], [new("z", 1.0), new("z", double.NaN)], 5),
            new("probe_check", [], [new("d", 1.5m), new("u", 7u)], 6),
        };
        points.AddRange(Doubles.Select((d, i) => new ProbePoint("probe_check", [new("t", "v")], [new("total_ms", d), new("neg", -d)], 100 + i)));

        AssertSameAsClient(points);
        AssertSameAsClient(points.Where(p => !p.Fields.Any(f => f.Value is double d && !double.IsFinite(d) || f.Value is float or decimal or uint or int || f.Value is null))
            .Select(AsStored).ToList());
    }

    [Test]
    public void Write_OnlyNonFiniteFields_WritesNothing()
    {
        using var buffer = new LineBuffer();
        var point = new ProbePoint("probe_check", [new("t", "v")], [new("total_ms", double.NaN), new("dns_ms", double.PositiveInfinity)], 1);

        var written = LineProtocol.Write(buffer, point);

        Assert.That(written, Is.False);
        Assert.That(buffer.Length, Is.Zero);
        Assert.That(PointDataOracle.Format(point), Is.Empty);
    }

    [Test]
    public void Write_StoredFieldNotAnInteger_ThrowsNamingTheField()
    {
        using var buffer = new LineBuffer();
        var point = new ProbePoint("probe_check", [], new StoredFields(new FieldsBuilder().Number("status", 1.5).Build()), 1);

        Assert.That(() => LineProtocol.Write(buffer, point), Throws.TypeOf<InvalidDataException>().With.Message.Contains("'status'"));
    }

    [Test]
    public void Write_EmptyFieldName_LeftOutWhereTheClientThrows()
    {
        var point = new ProbePoint("probe_check", [], [new("", 1.0), new("ok", true)], 1);

        Assert.That(LineProtocol.Format(point), Is.EqualTo("probe_check ok=true 1"));
        Assert.That(() => PointDataOracle.Format(point), Throws.ArgumentException);
    }

    private static void AssertSameAsClient(List<ProbePoint> points)
    {
        using var buffer = new LineBuffer();
        var expected = new StringBuilder();
        foreach (var point in points)
        {
            var line = PointDataOracle.Format(point);
            if (line.Length > 0)
            {
                expected.Append(line).Append('\n');
            }

            LineProtocol.Write(buffer, point);
        }

        var expectedBytes = Encoding.UTF8.GetBytes(expected.ToString());
        Assert.That(expectedBytes.Length, Is.GreaterThan(0));
        Assert.That(Encoding.UTF8.GetString(buffer.WrittenSpan), Is.EqualTo(expected.ToString()));
        Assert.That(buffer.WrittenSpan.SequenceEqual(expectedBytes), Is.True, "byte-identical UTF-8");
    }

    // The same point with its fields as the store keeps them, built the way RowEncoder builds them (timers to the microsecond).
    private static ProbePoint AsStored(ProbePoint point)
    {
        var fields = new FieldsBuilder();
        foreach (var (key, value) in point.Fields)
        {
            _ = value switch
            {
                bool b => fields.Bool(key, b),
                long l => fields.Integer(key, l),
                double d when Measurements.IsTimerField(key) => fields.Timer(key, d),
                double d => fields.Number(key, d),
                _ => fields.Text(key, (string)value),
            };
        }

        // Typed by name as the store types them: the client must see the same values the store hands out.
        return new ProbePoint(point.Measurement, point.Tags, new StoredFields(fields.Build()), point.TimestampMs);
    }
}
