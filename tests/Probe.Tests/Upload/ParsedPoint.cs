using Probe.Storage;

namespace Probe.Tests.Upload;

/// <summary>A point read back from line protocol (or from a store), comparable field by field.</summary>
internal sealed record ParsedPoint(string Measurement, SortedDictionary<string, string> Tags, SortedDictionary<string, object> Fields, long TimestampMs)
{
    public static ParsedPoint From(ProbePoint point) => new(
        point.Measurement,
        new SortedDictionary<string, string>(point.Tags.Where(t => t.Value.Length > 0).ToDictionary(t => t.Key, t => t.Value), StringComparer.Ordinal),
        new SortedDictionary<string, object>(point.Fields.ToDictionary(f => f.Key, f => f.Value), StringComparer.Ordinal),
        point.TimestampMs);

    /// <summary>A stable text form for set comparison and readable failure messages.</summary>
    public string Key() =>
        $"{Measurement}|{string.Join(',', Tags.Select(t => $"{t.Key}={t.Value}"))}|" +
        $"{string.Join(',', Fields.Select(f => $"{f.Key}={Convert.ToString(f.Value, System.Globalization.CultureInfo.InvariantCulture)}:{f.Value.GetType().Name}"))}|{TimestampMs}";
}
