using System.Text.Json;
using Probe.Storage.Schema;
using Probe.Storage.Store;

namespace Probe.Storage.Rows;

/// <summary>Rebuilds the schema's points from stored rows: series tags plus the row's clock tag, typed fields.</summary>
internal static class RowDecoder
{
    public static IReadOnlyList<KeyValuePair<string, string>> DecodeTags(string tagsJson)
    {
        using var document = JsonDocument.Parse(tagsJson);
        return document.RootElement.EnumerateObject().Select(p => new KeyValuePair<string, string>(p.Name, p.Value.GetString()!)).ToArray();
    }

    /// <summary>A series' tags as its rows carry them: probe_clock points carry only probe and boot (PROBE.md section 3, "probe_clock and the clock tag"); every other point says how far to trust its time.</summary>
    public static SeriesTags TagsOf(string measurement, IReadOnlyList<KeyValuePair<string, string>> seriesTags, RowClock clock)
    {
        var tags = new List<KeyValuePair<string, string>>(seriesTags.Count + 1);
        tags.AddRange(seriesTags);
        if (measurement != Measurements.Clock)
        {
            tags.Add(new(Measurements.ClockTag, Measurements.ClockTagValue(clock)));
            tags.Sort((a, b) => string.CompareOrdinal(a.Key, b.Key));
        }

        return new SeriesTags(measurement, [.. tags]);
    }

    public static ProbePoint Decode(SeriesTags tags, byte[] fields, long timestampMs) =>
        new(tags.Measurement, tags, new StoredFields(fields), timestampMs);

    /// <summary>A row's stored fields as typed values, in stored (name) order.</summary>
    public static KeyValuePair<string, object>[] DecodeFields(ReadOnlySpan<byte> fields)
    {
        var decoded = new List<KeyValuePair<string, object>>();
        var reader = new FieldReader(fields);
        while (reader.Next())
        {
            var name = reader.Code == FieldFormat.NamedCode ? System.Text.Encoding.UTF8.GetString(reader.Name) : FieldFormat.Names[reader.Code - 1];
            decoded.Add(new(name, reader.Value()));
        }

        return [.. decoded];
    }
}
