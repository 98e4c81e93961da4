using System.Globalization;
using Probe.Tests.Fixtures;
using Probe.Tests.Upload;

namespace Probe.Tests.Drills;

/// <summary>Compares what the probe holds (<c>probe export --format lp</c>) with what VictoriaMetrics holds (/api/v1/export).</summary>
internal static class DeliveryLedger
{
    /// <param name="exportedLineProtocol">Every row of the local store, read after <paramref name="vmExport"/>.</param>
    /// <param name="vmExport">VictoriaMetrics' export, read after the final upload.</param>
    /// <param name="windowStartMs">The previous cutoff: check results from here on are counted as this window's own.</param>
    /// <param name="uploadStartMs">The cutoff: every row stamped before it was surely stored before the upload began, so it must be in VictoriaMetrics.</param>
    public static DeliveryCount Count(string exportedLineProtocol, string vmExport, long windowStartMs, long uploadStartMs)
    {
        var points = LineProtocolParser.ParseAll(exportedLineProtocol);
        var held = new Dictionary<string, List<double>>(StringComparer.Ordinal);
        foreach (var series in VmSeries.ParseExport(vmExport))
        {
            // VM may add a db label from the bucket; it is not part of the probe's schema.
            var labels = series.Labels.Where(l => l.Key != "db");
            for (var i = 0; i < series.Timestamps.Length; i++)
            {
                var key = Identity(series.Name, labels, series.Timestamps[i]);
                if (!held.TryGetValue(key, out var values))
                {
                    held[key] = values = [];
                }

                values.Add(series.Values[i]);
            }
        }

        var expected = new Dictionary<string, double?>(StringComparer.Ordinal);
        var collisions = 0;
        var lost = new List<string>();
        int made = 0, delivered = 0, before = 0, missingRows = 0;
        foreach (var point in points)
        {
            var samples = Samples(point).ToList();
            var collided = false;
            foreach (var (key, value) in samples)
            {
                collided |= !expected.TryAdd(key, value);
            }

            // Two rows under one identity: the store would keep only one of them.
            collisions += collided ? 1 : 0;

            var numbers = samples.Where(s => s.Value is not null).ToList();
            var present = numbers.Count > 0
                ? numbers.All(s => held.TryGetValue(s.Key, out var values) && values.Any(v => Same(v, s.Value!.Value)))
                : samples.Any(s => held.ContainsKey(s.Key));
            if (point.TimestampMs < uploadStartMs)
            {
                before++;
                if (!present)
                {
                    missingRows++;
                    if (lost.Count < 5)
                    {
                        lost.Add(samples.FirstOrDefault(s => !held.ContainsKey(s.Key)).Key ?? $"{point.Measurement} at {point.TimestampMs} (value differs)");
                    }
                }
            }

            if (point.Measurement == "probe_check" && point.TimestampMs >= windowStartMs && point.TimestampMs < uploadStartMs)
            {
                made++;
                delivered += present ? 1 : 0;
            }
        }

        var unexplained = held.Where(h => !expected.ContainsKey(h.Key) || h.Value.Count > 1).Select(h => h.Key).ToList();
        return new DeliveryCount(made, delivered, unexplained.Count + collisions, before, missingRows, lost, unexplained.Take(5).ToList());
    }

    /// <summary>
    /// A point's samples as VictoriaMetrics names them (measurement_field). It keeps a string field as a sample of value 0,
    /// so strings (null here) prove presence, not content; a row of strings only (a verdict) counts when one of them is held.
    /// </summary>
    private static IEnumerable<(string Key, double? Value)> Samples(ParsedPoint point) =>
        point.Fields.Select(f => (Identity($"{point.Measurement}_{f.Key}", point.Tags, point.TimestampMs), f.Value switch
        {
            string => (double?)null,
            bool b => b ? 1.0 : 0.0,
            _ => Convert.ToDouble(f.Value, CultureInfo.InvariantCulture),
        }));

    private static string Identity(string name, IEnumerable<KeyValuePair<string, string>> labels, long timestampMs) =>
        $"{name}{{{string.Join(',', labels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}={l.Value}"))}}} {timestampMs}";

    // VictoriaMetrics keeps about 12 significant digits of a float.
    private static bool Same(double held, double expected) =>
        held == expected || Math.Abs(held - expected) <= 1e-9 * Math.Max(Math.Abs(held), Math.Abs(expected));
}
