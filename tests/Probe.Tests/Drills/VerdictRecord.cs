using System.Text.Json;

namespace Probe.Tests.Drills;

/// <summary>A committed verdict as the store holds it (<c>probe export --format json</c>, measurement probe_verdict).</summary>
internal sealed record VerdictRecord(DateTimeOffset Time, string State, string Previous, string FindingsJson)
{
    /// <summary>The probe_verdict records among the NDJSON lines of an export, oldest first.</summary>
    public static IReadOnlyList<VerdictRecord> FromExport(string ndjson)
    {
        var records = new List<VerdictRecord>();
        foreach (var line in ndjson.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            using var doc = JsonDocument.Parse(line);
            var root = doc.RootElement;
            if (root.GetProperty("measurement").GetString() != "probe_verdict")
            {
                continue;
            }

            var fields = root.GetProperty("fields");
            records.Add(new VerdictRecord(
                DateTimeOffset.FromUnixTimeMilliseconds(root.GetProperty("timestamp_ms").GetInt64()),
                fields.GetProperty("state").GetString() ?? "",
                fields.TryGetProperty("previous", out var previous) ? previous.GetString() ?? "" : "",
                fields.TryGetProperty("findings", out var findings) ? findings.GetString() ?? "" : ""));
        }

        return records.OrderBy(r => r.Time).ToList();
    }

    /// <summary>The findings of one state, e.g. every platform_block finding, as JSON objects.</summary>
    public IReadOnlyList<JsonElement> Findings(string state)
    {
        if (FindingsJson.Length == 0)
        {
            return [];
        }

        using var doc = JsonDocument.Parse(FindingsJson);
        return doc.RootElement.EnumerateArray()
            .Where(f => f.GetProperty("state").GetString() == state)
            .Select(f => f.Clone())
            .ToList();
    }

    public override string ToString() => $"{Time:HH:mm:ss.fff} {State} (was {Previous}) {FindingsJson}";
}
