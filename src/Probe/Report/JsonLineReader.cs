using System.Text.Json;

namespace Probe.Report;

/// <summary>Reads back one line of <c>probe export --format json</c>: {"measurement", "time", "timestamp_ms", "tags", "fields"}.</summary>
internal static class JsonLineReader
{
    public static ReportRow Parse(string line)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(line);
        }
        catch (JsonException e)
        {
            throw new FormatException($"not JSON: {e.Message}", e);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new FormatException("expected one JSON object per line");
            }

            var measurement = root.TryGetProperty("measurement", out var m) && m.ValueKind == JsonValueKind.String
                ? m.GetString()!
                : throw new FormatException("the object has no \"measurement\" string");
            var timestamp = root.TryGetProperty("timestamp_ms", out var t) && t.ValueKind == JsonValueKind.Number && t.TryGetInt64(out var ms)
                ? ms
                : throw new FormatException("the object has no integer \"timestamp_ms\"");
            var tags = new Dictionary<string, string>(StringComparer.Ordinal);
            if (root.TryGetProperty("tags", out var tagObject) && tagObject.ValueKind == JsonValueKind.Object)
            {
                foreach (var tag in tagObject.EnumerateObject())
                {
                    tags[tag.Name] = tag.Value.ValueKind == JsonValueKind.String ? tag.Value.GetString()! : tag.Value.GetRawText();
                }
            }

            var fields = new Dictionary<string, object>(StringComparer.Ordinal);
            if (root.TryGetProperty("fields", out var fieldObject) && fieldObject.ValueKind == JsonValueKind.Object)
            {
                foreach (var field in fieldObject.EnumerateObject())
                {
                    object? value = field.Value.ValueKind switch
                    {
                        JsonValueKind.True => true,
                        JsonValueKind.False => false,
                        JsonValueKind.String => field.Value.GetString()!,
                        JsonValueKind.Number when field.Value.TryGetInt64(out var l) => l,
                        JsonValueKind.Number => field.Value.GetDouble(),
                        _ => null,
                    };
                    if (value is not null)
                    {
                        fields[field.Name] = value;
                    }
                }
            }
            else
            {
                throw new FormatException("the object has no \"fields\" object");
            }

            return new ReportRow(measurement, tags, fields, timestamp);
        }
    }
}
