using Probe.Storage.Rows;
using Probe.Storage.Schema;
using Probe.Storage.Store;
using Probe.Storage;
using Probe.Upload;

namespace Probe.Tests.Storage;

public sealed class FieldsBuilderTests
{
    [Test]
    public void Build_SchemaFields_DecodedTypedByNameInNameOrder()
    {
        var stored = CreateSut()
            .Bool("ok", true)
            .Timer("total_ms", 44.666666666666664)
            .Integer("status", 200)
            .Text("answers", "192.0.2.1,say \"hi\" é")
            .Integer("bytes", long.MinValue)
            .Number("cpu_seconds", 6.25)
            .Integer("uptime_s", 7)
            .Build();

        Assert.That(RowDecoder.DecodeFields(stored), Is.EqualTo(new KeyValuePair<string, object>[]
        {
            new("answers", "192.0.2.1,say \"hi\" é"), new("bytes", long.MinValue), new("cpu_seconds", 6.25), new("ok", true),
            new("status", 200L), new("total_ms", 44.667), new("uptime_s", 7.0),
        }));
    }

    [Test]
    public void Build_TcpCheck_FarSmallerThanItsJson()
    {
        var stored = CreateSut().Bool("ok", true).Timer("total_ms", 44.666666666666664).Timer("connect_ms", 12.345678).Text("address", "192.0.2.10").Build();

        // {"ok":true,"total_ms":44.666666666666664,"connect_ms":12.345678,"address":"192.0.2.10"} is 85 bytes.
        Assert.That(stored, Has.Length.LessThanOrEqualTo(22));
    }

    [TestCase(double.NaN)]
    [TestCase(double.PositiveInfinity)]
    [TestCase(1e300)]
    [TestCase(-1e-300)]
    [TestCase(0.0005)]
    public void Timer_ValueNoMicrosecondVarintHolds_KeptAsTheValueRoundedOrAsIs(double ms)
    {
        var decoded = RowDecoder.DecodeFields(CreateSut().Timer("dns_ms", ms).Build()).Single();

        var expected = Math.Abs(ms) < 1e9 ? Math.Round(ms * 1000) / 1000 : ms;
        Assert.That(decoded.Value, Is.EqualTo(expected));
    }

    [Test]
    public void Build_NameOutsideTheSchema_WrittenOutAndRead()
    {
        var stored = CreateSut().Integer("zz_extra", 5).Text("ünïcode", "x").Bool("ok", false).Build();

        Assert.That(RowDecoder.DecodeFields(stored), Is.EqualTo(new KeyValuePair<string, object>[] { new("ok", false), new("zz_extra", 5.0), new("ünïcode", "x") }));
    }

    [Test]
    public void Write_TruncatedFields_InvalidDataNotGarbage()
    {
        var stored = CreateSut().Text("answers", "192.0.2.1").Build();
        using var buffer = new LineBuffer();
        var point = new ProbePoint("probe_check", [], new StoredFields(stored[..^2]), 1);

        Assert.That(() => LineProtocol.Write(buffer, point), Throws.TypeOf<InvalidDataException>());
    }

    private static FieldsBuilder CreateSut() => new();
}
