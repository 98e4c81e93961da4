namespace Probe.Tests.Fixtures;

/// <summary>One series read back from VictoriaMetrics' /api/v1/export: metric name (measurement_field), labels, samples.</summary>
internal sealed record VmSeries(string Name, IReadOnlyDictionary<string, string> Labels, double[] Values, long[] Timestamps)
{
    /// <summary>Parses the NDJSON of /api/v1/export: one series a line.</summary>
    public static IReadOnlyList<VmSeries> ParseExport(string ndjson)
    {
        var series = new List<VmSeries>();
        foreach (var line in ndjson.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            using var doc = System.Text.Json.JsonDocument.Parse(line);
            var labels = new SortedDictionary<string, string>(StringComparer.Ordinal);
            foreach (var label in doc.RootElement.GetProperty("metric").EnumerateObject())
            {
                labels[label.Name] = label.Value.GetString() ?? "";
            }

            var name = labels["__name__"];
            labels.Remove("__name__");
            var values = doc.RootElement.GetProperty("values").EnumerateArray().Select(v => v.GetDouble()).ToArray();
            var stamps = doc.RootElement.GetProperty("timestamps").EnumerateArray().Select(v => v.GetInt64()).ToArray();
            series.Add(new VmSeries(name, labels, values, stamps));
        }

        return series;
    }
}
