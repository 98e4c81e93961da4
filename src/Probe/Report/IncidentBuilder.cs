namespace Probe.Report;

/// <summary>
/// Incidents from committed states, a pure function of the verdict rows: each run of one state other than online or
/// unknown, from its commit to the next commit of another state. A state committed again (the daemon restarted during
/// a cut and re-committed it) continues the same incident rather than starting a second one.
/// </summary>
internal static class IncidentBuilder
{
    private static readonly HashSet<string> Quiet = new(StringComparer.Ordinal) { "online", "unknown" };

    /// <summary>The incidents of every probe that overlap [since, until], before their evidence is counted.</summary>
    /// <param name="verdicts">All verdict rows of all probes, in any order (the same row twice counts once).</param>
    /// <param name="lastSeenMs">Each probe's last row: where an ongoing incident's duration stops.</param>
    /// <param name="sinceMs">Window start, or null.</param>
    /// <param name="untilMs">Window end, or null.</param>
    public static IReadOnlyList<IncidentSpan> Build(IEnumerable<VerdictRow> verdicts, IReadOnlyDictionary<string, long> lastSeenMs, long? sinceMs, long? untilMs)
    {
        var spans = new List<IncidentSpan>();
        foreach (var probe in verdicts.DistinctBy(v => (v.Probe, v.TimestampMs)).GroupBy(v => v.Probe, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var rows = probe.OrderBy(v => v.TimestampMs).ToList();
            var lastSeen = lastSeenMs.GetValueOrDefault(probe.Key, rows[^1].TimestampMs);
            for (var i = 0; i < rows.Count; i++)
            {
                if (Quiet.Contains(rows[i].State))
                {
                    continue;
                }

                var first = i;
                while (i + 1 < rows.Count && rows[i + 1].State == rows[first].State)
                {
                    i++;
                }

                long? end = i + 1 < rows.Count ? rows[i + 1].TimestampMs : null;
                // The confirming rounds before the commit are its evidence too, unless an incident held then (they are its).
                long? leadUpFloor = first == 0 ? long.MinValue : Quiet.Contains(rows[first - 1].State) ? rows[first - 1].TimestampMs : null;
                var span = new IncidentSpan(probe.Key, rows[first].State, rows[first].TimestampMs, end, Math.Max(lastSeen, rows[i].TimestampMs), rows[first..(i + 1)], leadUpFloor);
                if ((untilMs is null || span.StartMs <= untilMs) && (sinceMs is null || (span.EndMs ?? long.MaxValue) >= sinceMs))
                {
                    spans.Add(span);
                }
            }
        }

        return spans;
    }

    /// <summary>The states one probe held over [fromMs, toMs], for its timeline: unknown before its first verdict.</summary>
    public static IReadOnlyList<StateSpan> States(IEnumerable<VerdictRow> verdicts, long fromMs, long toMs)
    {
        var rows = verdicts.DistinctBy(v => v.TimestampMs).OrderBy(v => v.TimestampMs).ToList();
        var spans = new List<StateSpan>();
        var state = rows.LastOrDefault(v => v.TimestampMs <= fromMs)?.State ?? "unknown";
        var at = fromMs;
        foreach (var row in rows.Where(v => v.TimestampMs > fromMs && v.TimestampMs < toMs))
        {
            if (row.State != state)
            {
                spans.Add(new StateSpan(state, at, row.TimestampMs));
                state = row.State;
                at = row.TimestampMs;
            }
        }

        spans.Add(new StateSpan(state, at, Math.Max(at, toMs)));
        return spans;
    }
}

/// <summary>
/// An incident's interval and the verdict rows that committed it, before its evidence is counted. <c>LeadUpFloorMs</c>:
/// how far back its lead-up (<see cref="LeadUp"/>) may reach: the previous commit of online/unknown, long.MinValue when
/// none came before, null when another incident held until this one (the confirming rounds are that one's evidence).
/// </summary>
internal sealed record IncidentSpan(string Probe, string State, long StartMs, long? EndMs, long LastSeenMs, IReadOnlyList<VerdictRow> Verdicts, long? LeadUpFloorMs = null)
{
    /// <summary>Whether a check at <paramref name="timestampMs"/> belongs to it: from the start up to (not including) the end.</summary>
    public bool Holds(long timestampMs) => timestampMs >= StartMs && timestampMs < (EndMs ?? long.MaxValue);
}
