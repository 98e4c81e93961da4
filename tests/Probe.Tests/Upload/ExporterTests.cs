using System.Text;
using System.Text.Json;
using Probe.Storage;
using Probe.Upload;

namespace Probe.Tests.Upload;

public sealed class ExporterTests
{
    private const long Start = 1_795_000_000_000;

    private static Exporter CreateSut(IResultStore store) => new(store);

    private static async Task<string> ExportAsync(IResultStore store, ExportFormat format, DateTimeOffset? since = null, bool pendingOnly = false)
    {
        using var output = new MemoryStream();
        await CreateSut(store).ExportAsync(output, format, since, pendingOnly, CancellationToken.None);
        return Encoding.UTF8.GetString(output.ToArray());
    }

    private static InMemoryResultStore StoreWith(IEnumerable<ProbePoint> points)
    {
        var store = new InMemoryResultStore();
        store.Add(points);
        return store;
    }

    [Test]
    public async Task ExportAsync_Lp_RoundTripsEveryPoint()
    {
        var points = TestPoints.Backlog(40, Start);

        var text = await ExportAsync(StoreWith(points), ExportFormat.Lp);

        Assert.That(LineProtocolParser.ParseAll(text).Select(p => p.Key()),
            Is.EquivalentTo(points.Select(p => ParsedPoint.From(p).Key())));
    }

    [Test]
    public async Task ExportAsync_Csv_ParsesWithHeaderAndOneRowPerPoint()
    {
        var points = TestPoints.Backlog(40, Start);

        var records = Rfc4180Reader.Read(await ExportAsync(StoreWith(points), ExportFormat.Csv));

        var header = records[0];
        Assert.That(header.Take(3), Is.EqualTo(new[] { "measurement", "time", "timestamp_ms" }));
        Assert.That(header, Does.Contain("isp").And.Contain("total_ms").And.Contain("findings").And.Contain("buffer_rows"));
        Assert.That(records.Skip(1), Has.All.Count.EqualTo(header.Count));
        Assert.That(records, Has.Count.EqualTo(points.Count + 1));
        var quoted = records.Skip(1).First(r => r[header.IndexOf("answers")].Contains('\\', StringComparison.Ordinal));
        Assert.That(quoted[header.IndexOf("answers")], Is.EqualTo("say \"hi\" with a \\ backslash"));
        Assert.That(quoted[header.IndexOf("isp")], Is.EqualTo("Sonatel, Orange=SN"));
        Assert.That(records[1][1], Is.EqualTo("2026-11-18T11:06:40.000Z"));
    }

    [Test]
    public async Task ExportAsync_Json_IsOneObjectPerLineWithTypedFields()
    {
        var points = TestPoints.Backlog(40, Start);

        var lines = (await ExportAsync(StoreWith(points), ExportFormat.Json)).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.That(lines, Has.Length.EqualTo(points.Count));
        using var first = JsonDocument.Parse(lines[0]);
        var root = first.RootElement;
        Assert.That(root.GetProperty("measurement").GetString(), Is.EqualTo("probe_check"));
        Assert.That(root.GetProperty("timestamp_ms").GetInt64(), Is.EqualTo(Start));
        Assert.That(root.GetProperty("tags").GetProperty("isp").GetString(), Is.EqualTo("Sonatel, Orange=SN"));
        Assert.That(root.GetProperty("fields").GetProperty("ok").ValueKind, Is.EqualTo(JsonValueKind.True));
        Assert.That(root.GetProperty("fields").GetProperty("total_ms").GetDouble(), Is.EqualTo(10.25));
        Assert.That(lines.Select(l => JsonDocument.Parse(l).RootElement.GetProperty("timestamp_ms").GetInt64()),
            Is.EquivalentTo(points.Select(p => p.TimestampMs)));
    }

    [Test]
    public async Task ExportAsync_PendingSince_OnlyUndeliveredAfterT()
    {
        var store = StoreWith(TestPoints.Checks(10, Start));
        await store.MarkDeliveredAsync([1, 2, 9], CancellationToken.None);

        var text = await ExportAsync(store, ExportFormat.Lp, DateTimeOffset.FromUnixTimeMilliseconds(Start + 5000), pendingOnly: true);

        Assert.That(LineProtocolParser.ParseAll(text).Select(p => (p.TimestampMs - Start) / 1000), Is.EqualTo(new long[] { 5, 6, 7, 9 }));
    }

    [TestCase(ExportFormat.Lp)]
    [TestCase(ExportFormat.Csv)]
    [TestCase(ExportFormat.Json)]
    public async Task ExportAsync_ManyRows_WritesWhileReadingNotAfter(ExportFormat format)
    {
        const int Rows = 50_000;
        var store = new GeneratedResultStore(Rows);
        using var output = new WatchingStream(store);

        var written = await CreateSut(store).ExportAsync(output, format, null, false, CancellationToken.None);

        Assert.That(written, Is.EqualTo(Rows));
        // Bounded memory: output starts long before the last row was read (CSV's first pass only collects column names).
        Assert.That(output.ProducedAtFirstWrite, Is.LessThan(Rows / 10));
    }

    /// <summary>Discards output, remembering how far the store had got when the first bytes arrived (after the CSV header).</summary>
    private sealed class WatchingStream(GeneratedResultStore store) : MemoryStream
    {
        private long _bytes;

        public long ProducedAtFirstWrite { get; private set; } = -1;

        public override void Write(byte[] buffer, int offset, int count) => Watch(count);

        public override void Write(ReadOnlySpan<byte> buffer) => Watch(buffer.Length);

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            Watch(count);
            return Task.CompletedTask;
        }

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Watch(buffer.Length);
            return ValueTask.CompletedTask;
        }

        private void Watch(int count)
        {
            _bytes += count;
            // The first 64 KiB may be the CSV header and buffered rows; what counts is that rows flow before the end.
            if (ProducedAtFirstWrite < 0 && _bytes > 1024 && store.Produced < 50_000 && store.Produced > 0)
            {
                ProducedAtFirstWrite = store.Produced;
            }
        }
    }
}
