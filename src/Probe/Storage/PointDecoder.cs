using System.Text.Json;

namespace Probe.Storage;

/// <summary>Rebuilds the schema's points from stored rows: series tags plus the row's clock tag, typed fields.</summary>
internal static class PointDecoder
{
    public static IReadOnlyList<KeyValuePair<string, string>> DecodeTags(string tagsJson)
    {
        using var document = JsonDocument.Parse(tagsJson);
        return document.RootElement.EnumerateObject().Select(p => new KeyValuePair<string, string>(p.Name, p.Value.GetString()!)).ToArray();
    }

    /// <summary>A series' tags as its rows carry them: probe_clock records carry only probe and boot (DESIGN.md); every other point says how far to trust its time.</summary>
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

    public static ProbePoint Decode(SeriesTags tags, byte[] fieldsUtf8Json, long timestampMs) =>
        new(tags.Measurement, tags, new StoredFields(fieldsUtf8Json), timestampMs);

    public static KeyValuePair<string, object>[] DecodeFields(ReadOnlyMemory<byte> fieldsUtf8Json)
    {
        using var document = JsonDocument.Parse(fieldsUtf8Json);
        var fields = new List<KeyValuePair<string, object>>();
        foreach (var property in document.RootElement.EnumerateObject())
        {
            object value = property.Value.ValueKind switch
            {
                JsonValueKind.True => true,
                JsonValueKind.False => false,
                JsonValueKind.Number when Measurements.IsIntegerField(property.Name) => property.Value.GetInt64(),
                JsonValueKind.Number => property.Value.GetDouble(),
                _ => property.Value.GetString() ?? "",
            };
            fields.Add(new(property.Name, value));
        }

        return [.. fields];
    }
}
