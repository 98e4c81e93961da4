using System.Globalization;
using InfluxDB.Client.Api.Domain;
using InfluxDB.Client.Writes;
using Probe.Storage;

namespace Probe.Tests.Upload;

/// <summary>
/// The line protocol InfluxDB.Client's own PointData makes of a point, as the probe produced it before it wrote line
/// protocol itself: the oracle the probe's writer must match byte for byte.
/// </summary>
internal static class PointDataOracle
{
    public static string Format(ProbePoint point)
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
                _ => builder.Field(key, Convert.ToString(value, CultureInfo.InvariantCulture) ?? ""),
            };
        }

        return builder.Timestamp(point.TimestampMs, WritePrecision.Ms).ToPointData().ToLineProtocol();
    }

    private static string SingleLine(string text) =>
        text.AsSpan().IndexOfAny('\r', '\n') < 0 ? text : text.Replace("\r\n", " ", StringComparison.Ordinal).Replace('\r', ' ').Replace('\n', ' ');
}
