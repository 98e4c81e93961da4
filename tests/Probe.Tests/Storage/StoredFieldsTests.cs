using System.Text;
using Probe.Storage.Rows;
using Probe.Storage.Schema;

namespace Probe.Tests.Storage;

public sealed class StoredFieldsTests
{
    [Test]
    public void Typed_EveryFieldType_RoundTripsTypedAsTheSchemaTypesIt()
    {
        var sut = CreateSut(new FieldsBuilder()
            .Bool("ok", true)
            .Bool("clock_synced", false)
            .Integer("status", 200)
            .Integer("bytes", long.MinValue)
            .Timer("total_ms", 44.666666666666664)
            .Number("cpu_seconds", 6.25)
            .Timer("dns_ms", double.NaN)
            .Integer("uptime_s", 7)
            .Text("answers", "192.0.2.1,say \"hi\" é")
            .Text("ünïcode", "x"));

        var fields = new List<(string Name, StoredFieldType Type, object? Value, bool SchemaName)>();
        foreach (var field in sut.Typed())
        {
            object? value = field.Type switch
            {
                StoredFieldType.Integer => field.Integer,
                StoredFieldType.Double => field.Double,
                StoredFieldType.Text => Encoding.UTF8.GetString(sut.TextOf(field)),
                _ => null,
            };
            fields.Add((Encoding.UTF8.GetString(sut.NameOf(field)), field.Type, value, field.HasSchemaName));
        }

        Assert.That(fields, Is.EqualTo(new (string, StoredFieldType, object?, bool)[]
        {
            ("answers", StoredFieldType.Text, "192.0.2.1,say \"hi\" é", true),
            ("bytes", StoredFieldType.Integer, long.MinValue, true),
            ("clock_synced", StoredFieldType.False, null, true),
            ("cpu_seconds", StoredFieldType.Double, 6.25, true),
            ("dns_ms", StoredFieldType.Double, double.NaN, true),
            ("ok", StoredFieldType.True, null, true),
            ("status", StoredFieldType.Integer, 200L, true),
            ("total_ms", StoredFieldType.Double, 44.667, true),
            ("uptime_s", StoredFieldType.Double, 7.0, true),
            ("ünïcode", StoredFieldType.Text, "x", false),
        }));
    }

    [Test]
    public void Typed_SameRow_AgreesWithTheDecodedValues()
    {
        var sut = CreateSut(new FieldsBuilder().Integer("status", 503).Timer("ttfb_ms", 1.5).Text("rcode", "NOERROR").Bool("ok", false));

        var names = new List<string>();
        foreach (var field in sut.Typed())
        {
            names.Add(Encoding.UTF8.GetString(sut.NameOf(field)));
        }

        Assert.Multiple(() =>
        {
            Assert.That(names, Is.EqualTo(sut.Select(f => f.Key)));
            Assert.That(sut.Select(f => f.Value), Is.EqualTo(new object[] { false, "NOERROR", 503L, 1.5 }));
        });
    }

    [Test]
    public void Typed_IntegerFieldStoredAsDouble_InvalidData()
    {
        var sut = CreateSut(new FieldsBuilder().Timer("status", 1.5));

        Assert.That(() => { foreach (var _ in sut.Typed()) { } }, Throws.TypeOf<InvalidDataException>());
    }

    [Test]
    public void Typed_TruncatedBytes_InvalidDataNotGarbage()
    {
        var stored = new FieldsBuilder().Text("answers", "192.0.2.1").Build();
        var sut = new StoredFields(stored[..^2]);

        Assert.That(() => { foreach (var _ in sut.Typed()) { } }, Throws.TypeOf<InvalidDataException>());
    }

    [Test]
    public void Typed_NoFields_Empty()
    {
        var sut = CreateSut(new FieldsBuilder());

        var count = 0;
        foreach (var _ in sut.Typed())
        {
            count++;
        }

        Assert.That(count, Is.Zero);
    }

    private static StoredFields CreateSut(FieldsBuilder builder) => new(builder.Build());
}
