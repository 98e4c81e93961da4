using System.Globalization;
using System.Text.Json;
using Probe.Tests.Fixtures;
using Probe.Upload;

namespace Probe.Tests.Upload;

/// <summary>Turns what Exporter printed and what a real store holds into comparable sets of samples.</summary>
internal static class StoreReadBack
{
    public static async Task<string> ExportLineProtocolAsync(InMemoryResultStore store)
    {
        using var output = new MemoryStream();
        await new Exporter(store).ExportAsync(output, ExportFormat.Lp, null, false, CancellationToken.None);
        return System.Text.Encoding.UTF8.GetString(output.ToArray());
    }

    /// <summary>VictoriaMetrics keeps numeric and bool fields as series measurement_field (bool as 1/0); it does not keep strings.</summary>
    public static SortedSet<string> ExpectedInVictoriaMetrics(IEnumerable<ParsedPoint> points) =>
        new(points.SelectMany(p => p.Fields
            .Where(f => f.Value is not string)
            .Select(f => Sample($"{p.Measurement}_{f.Key}", p.Tags, p.TimestampMs, f.Value is bool b ? (b ? 1 : 0) : Convert.ToDouble(f.Value, CultureInfo.InvariantCulture)))),
            StringComparer.Ordinal);

    public static SortedSet<string> HeldByVictoriaMetrics(IEnumerable<VmSeries> series, ISet<string> stringFieldSeries) =>
        new(series.Where(s => !stringFieldSeries.Contains(s.Name))
            .SelectMany(s => s.Timestamps.Select((t, i) => Sample(s.Name, s.Labels, t, s.Values[i]))),
            StringComparer.Ordinal);

    public static ISet<string> StringFieldSeries(IEnumerable<ParsedPoint> points) =>
        points.SelectMany(p => p.Fields.Where(f => f.Value is string).Select(f => $"{p.Measurement}_{f.Key}")).ToHashSet();

    /// <summary>InfluxDB keeps every field; numbers are compared by value (field types are checked separately).</summary>
    public static SortedSet<string> ExpectedInInflux(IEnumerable<ParsedPoint> points) =>
        new(points.Select(p => Row(p.Measurement, p.Tags, p.TimestampMs, p.Fields.Select(f => (f.Key, Text(f.Value))))), StringComparer.Ordinal);

    public static SortedSet<string> HeldByInflux(IEnumerable<InfluxSeries> series)
    {
        var rows = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var s in series)
        {
            var tags = s.Tags.Where(t => t.Value.Length > 0).ToDictionary(t => t.Key, t => t.Value);
            foreach (var row in s.Values)
            {
                var fields = s.Columns.Select((c, i) => (Key: c, Value: row[i]))
                    .Where(c => c.Key != "time" && c.Value.ValueKind != JsonValueKind.Null)
                    .Select(c => (c.Key, Text(c.Value)));
                if (!rows.Add(Row(s.Name, tags, row[0].GetInt64(), fields)))
                {
                    Assert.Fail("the store returned the same row twice");
                }
            }
        }

        return rows;
    }

    private static string Sample(string name, IEnumerable<KeyValuePair<string, string>> labels, long timestamp, double value) =>
        $"{name}{{{string.Join(',', labels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}={l.Value}"))}}} {timestamp} {value.ToString("R", CultureInfo.InvariantCulture)}";

    private static string Row(string measurement, IEnumerable<KeyValuePair<string, string>> tags, long timestamp, IEnumerable<(string Key, string Value)> fields) =>
        $"{measurement}{{{string.Join(',', tags.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => $"{t.Key}={t.Value}"))}}} {timestamp} " +
        string.Join(',', fields.OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => $"{f.Key}={f.Value}"));

    private static string Text(object value) => value switch
    {
        bool b => b ? "true" : "false",
        string s => "\"" + s + "\"",
        _ => Convert.ToDouble(value, CultureInfo.InvariantCulture).ToString("R", CultureInfo.InvariantCulture),
    };

    private static string Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.String => "\"" + value.GetString() + "\"",
        _ => value.GetDouble().ToString("R", CultureInfo.InvariantCulture),
    };
}
