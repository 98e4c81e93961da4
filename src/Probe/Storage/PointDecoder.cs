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

    public static ProbePoint Decode(string measurement, IReadOnlyList<KeyValuePair<string, string>> seriesTags, RowClock clock, string fieldsJson, long timestampMs)
    {
        IReadOnlyList<KeyValuePair<string, string>> tags = seriesTags;

        // probe_clock records carry only probe and boot (DESIGN.md); every other point says how far to trust its time.
        if (measurement != Measurements.Clock)
        {
            var withClock = new List<KeyValuePair<string, string>>(seriesTags.Count + 1);
            withClock.AddRange(seriesTags);
            withClock.Add(new(Measurements.ClockTag, Measurements.ClockTagValue(clock)));
            withClock.Sort((a, b) => string.CompareOrdinal(a.Key, b.Key));
            tags = withClock;
        }

        return new ProbePoint(measurement, tags, DecodeFields(fieldsJson), timestampMs);
    }

    private static KeyValuePair<string, object>[] DecodeFields(string fieldsJson)
    {
        using var document = JsonDocument.Parse(fieldsJson);
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
