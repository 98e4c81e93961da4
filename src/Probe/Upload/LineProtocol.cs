using System.Globalization;
using InfluxDB.Client.Api.Domain;
using InfluxDB.Client.Writes;
using Probe.Storage;

namespace Probe.Upload;

/// <summary>ProbePoint to InfluxDB line protocol through InfluxDB.Client's own point type, so escaping is the client's, not ours.</summary>
internal static class LineProtocol
{
    public static PointData ToPointData(ProbePoint point)
    {
        var builder = PointData.Builder.Measurement(point.Measurement);
        foreach (var (key, value) in point.Tags)
        {
            if (!string.IsNullOrEmpty(value))
            {
                builder = builder.Tag(key, SingleLine(value));
            }
        }

        foreach (var (key, value) in point.Fields)
        {
            builder = value switch
            {
                bool b => builder.Field(key, b),
                long l => builder.Field(key, l),
                int i => builder.Field(key, (long)i),
                double d => builder.Field(key, d),
                float f => builder.Field(key, (double)f),
                string s => builder.Field(key, SingleLine(s)),
                // Schema fields are bool/long/double/string; anything else is kept as text rather than jamming the queue.
                _ => builder.Field(key, Convert.ToString(value, CultureInfo.InvariantCulture) ?? ""),
            };
        }

        return builder.Timestamp(point.TimestampMs, WritePrecision.Ms).ToPointData();
    }

    // Line protocol cannot carry a line break in a tag or string field (not even escaped): it would cut the point in two.
    private static string SingleLine(string text) =>
        text.AsSpan().IndexOfAny('\r', '\n') < 0 ? text : text.Replace("\r\n", " ", StringComparison.Ordinal).Replace('\r', ' ').Replace('\n', ' ');

    /// <summary>The lines of a batch, in order; formatted on all cores for big batches, since formatting is the drain's main CPU cost.</summary>
    public static IReadOnlyList<string> FormatBatch(IReadOnlyList<ProbePoint> points) =>
        points.Count < ParallelThreshold
            ? points.Select(Format).Where(l => l.Length > 0).ToList()
            : points.AsParallel().AsOrdered().Select(Format).Where(l => l.Length > 0).ToList();

    private const int ParallelThreshold = 1000;

    /// <summary>One line, without newline; empty when the point has no writable field (e.g. only NaN values).</summary>
    public static string Format(ProbePoint point) => ToPointData(point).ToLineProtocol();
}
