using System.Text.Json;
using System.Text;
using Probe.Checks;
using Probe.Storage.Rows;
using Probe.Storage.Schema;
using Probe.Storage.Store;
using Probe.Storage;
using Probe.Targets;
using Probe.Tests.Upload;
using Probe.Upload;

namespace Probe.Tests.Storage;

/// <summary>A throughput result through the real store and every export format: kind=throughput, kbps, bytes, ttfb_ms.</summary>
public sealed class ThroughputFieldTests
{
    private StoreFixture Fixture { get; set; } = null!;

    [SetUp]
    public void CreateFixture() => Fixture = new StoreFixture();

    [TearDown]
    public void DisposeFixture() => Fixture.Dispose();

    [Test]
    public async Task AppendResultsAsync_ThroughputResult_StoresKbpsAsFloatBesideBytesAndTtfb()
    {
        using var sut = Fixture.CreateSut();

        await sut.AppendResultsAsync([Throughput()], CancellationToken.None);

        var point = (await sut.ReadPendingAsync(10, CancellationToken.None)).Single().Point;
        var fields = point.Fields.ToDictionary(f => f.Key, f => f.Value);
        Assert.Multiple(() =>
        {
            Assert.That(point.Tags.Single(t => t.Key == "kind").Value, Is.EqualTo("throughput"));
            Assert.That(fields["kbps"], Is.EqualTo(127.5));
            Assert.That(fields["bytes"], Is.EqualTo(65536L));
            Assert.That(fields["ttfb_ms"], Is.EqualTo(210.25));
        });
    }

    [Test]
    public void FieldFormat_Kbps_HasACodeAfterTheOldOnes()
    {
        Assert.Multiple(() =>
        {
            Assert.That(FieldFormat.CodeOf("kbps"), Is.EqualTo(27));
            Assert.That(FieldFormat.CodeOf("uptime_s"), Is.EqualTo(26));
        });
    }

    [TestCase(ExportFormat.Lp, "kbps=127.5,ok=true")]
    [TestCase(ExportFormat.Csv, "127.5")]
    [TestCase(ExportFormat.Json, "\"kbps\":127.5")]
    public async Task ExportAsync_ThroughputResult_CarriesKbps(ExportFormat format, string expected)
    {
        using var store = Fixture.CreateSut();
        await store.AppendResultsAsync([Throughput()], CancellationToken.None);
        using var output = new MemoryStream();

        await new Exporter(store).ExportAsync(output, format, null, false, CancellationToken.None);

        var text = Encoding.UTF8.GetString(output.ToArray());
        Assert.That(text, Does.Contain(expected));
        if (format == ExportFormat.Csv)
        {
            var rows = Rfc4180Reader.Read(text);
            Assert.That(rows[1][rows[0].IndexOf("kbps")], Is.EqualTo("127.5"));
        }
        else if (format == ExportFormat.Json)
        {
            using var json = JsonDocument.Parse(text.Split('\n')[0]);
            Assert.That(json.RootElement.ToString(), Does.Contain("throughput"));
        }
    }

    private CheckResult Throughput() => new()
    {
        Target = "tiktok-cdn",
        Group = TargetGroup.Platform,
        Platform = "tiktok",
        Kind = CheckKind.Throughput,
        Host = "tiktok-cdn.test",
        Address = "127.3.0.1",
        Port = 443,
        Ok = true,
        Ms = 4100.5,
        Status = 200,
        Bytes = 65536,
        Kbps = 127.5,
        Phases = new Phases(Dns: 1.5, Connect: 2.5, Tls: 3.5, Ttfb: 210.25, Total: 4100.5),
        Clock = Fixture.Clock.Read(),
    };
}
