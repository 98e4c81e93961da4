using System.Text.Json;

namespace Probe.Report;

/// <summary>The findings field of a probe_verdict row (FindingJson's spelling), read leniently: unreadable findings are none.</summary>
internal static class FindingsJsonReader
{
    public static IReadOnlyList<FindingRow> Parse(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return [];
        }

        try
        {
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind != JsonValueKind.Array)
            {
                return [];
            }

            var findings = new List<FindingRow>();
            foreach (var item in document.RootElement.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.Object || Text(item, "state") is not { } state)
                {
                    continue;
                }

                var targets = item.TryGetProperty("targets", out var t) && t.ValueKind == JsonValueKind.Array
                    ? t.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!).ToList()
                    : [];
                findings.Add(new FindingRow(state, Text(item, "platform"), Text(item, "group"), Text(item, "how") ?? Text(item, "kind"), targets, Text(item, "failure")));
            }

            return findings;
        }
        catch (JsonException)
        {
            return [];
        }
    }

    private static string? Text(JsonElement item, string name) =>
        item.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } s ? s : null;
}
