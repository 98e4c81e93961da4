namespace Probe.Report;

/// <summary>
/// Two reads of the rows: first the verdicts and each probe's span and tags, then the checks counted into the incidents
/// and the timelines. Memory stays bounded by the verdicts, not by the million check rows of a full store.
/// </summary>
internal static class ReportBuilder
{
    /// <summary>The report over [since, until]; null when no row falls in the window (no data).</summary>
    public static async Task<ReportModel?> BuildAsync(IReportRows rows, long? sinceMs, long? untilMs, DateTimeOffset now, string version, CancellationToken cancellationToken)
    {
        var verdicts = new List<VerdictRow>();
        var probes = new Dictionary<string, ProbeInfo>(StringComparer.Ordinal);
        var lastSeen = new Dictionary<string, long>(StringComparer.Ordinal);
        await foreach (var row in rows.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            if (row.Tag("probe") is not { } probe)
            {
                continue;
            }

            if (row.Measurement == "probe_verdict")
            {
                verdicts.Add(new VerdictRow(probe, row.TimestampMs, row.Text("state") ?? "unknown", FindingsJsonReader.Parse(row.Text("findings")), row.Tag("clock")));
            }

            if ((sinceMs is not null && row.TimestampMs < sinceMs) || (untilMs is not null && row.TimestampMs > untilMs) || row.Measurement == "probe_clock")
            {
                continue;
            }

            lastSeen[probe] = Math.Max(lastSeen.GetValueOrDefault(probe, long.MinValue), row.TimestampMs);
            probes[probe] = probes.TryGetValue(probe, out var known)
                ? known with
                {
                    FromMs = Math.Min(known.FromMs, row.TimestampMs),
                    ToMs = Math.Max(known.ToMs, row.TimestampMs),
                    Region = row.Tag("region") ?? known.Region,
                    Isp = row.Tag("isp") ?? known.Isp,
                    Asn = Asn(row) ?? known.Asn,
                    Access = row.Tag("access") ?? known.Access,
                }
                : new ProbeInfo(probe, row.Tag("region"), row.Tag("isp"), Asn(row), row.Tag("access"), row.TimestampMs, row.TimestampMs);
        }

        if (probes.Count == 0)
        {
            return null;
        }

        var ordered = probes.Values.OrderBy(p => p.Id, StringComparer.Ordinal).ToList();
        var spans = IncidentBuilder.Build(verdicts.Where(v => probes.ContainsKey(v.Probe)), lastSeen, sinceMs, untilMs);
        var tally = new EvidenceTally(spans, ordered);
        // A probe exported twice (each export holds the whole store) must not count its checks twice.
        var seen = new HashSet<(long, int)>();
        await foreach (var row in rows.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            if (row.Measurement == "probe_check" && seen.Add((row.TimestampMs, Identity(row))))
            {
                tally.Add(row);
            }
        }

        var timelines = ordered.Select(p => new ProbeTimeline(
            p.Id, p.FromMs, p.ToMs, IncidentBuilder.States(verdicts.Where(v => v.Probe == p.Id), p.FromMs, p.ToMs), tally.Strips(p.Id))).ToList();
        return new ReportModel(now, sinceMs, untilMs, ordered, tally.Incidents(), timelines, version);
    }

    private static long? Asn(ReportRow row) => long.TryParse(row.Tag("asn"), System.Globalization.CultureInfo.InvariantCulture, out var asn) ? asn : null;

    // A point's identity in InfluxDB: measurement + tags + timestamp; the tags are hashed (a 32-bit clash on the same ms is negligible).
    private static int Identity(ReportRow row)
    {
        var hash = new HashCode();
        foreach (var (key, value) in row.Tags.Where(t => t.Key != "clock").OrderBy(t => t.Key, StringComparer.Ordinal))
        {
            hash.Add(key, StringComparer.Ordinal);
            hash.Add(value, StringComparer.Ordinal);
        }

        return hash.ToHashCode();
    }
}
