namespace Probe.Report;

/// <summary>
/// The confirming rounds before an incident's commit: a state is committed only once it held two evaluations, so the
/// failures that led to the commit were measured before it. Going back from the commit over the checks its findings
/// name (their targets, of the kind that failed), the lead-up starts at the first failing one after the last one that
/// succeeded (never before the previous commit); every check of the probe from there to the commit is evidence too.
/// </summary>
/// <remarks>Fed rows in any order; keeps only those after the latest relevant success seen, so it stays small.</remarks>
internal sealed class LeadUp
{
    private static readonly string[] ConnectionKinds = ["tcp", "tls", "http"];
    private readonly long _floorMs;
    private readonly long _commitMs;
    private readonly HashSet<(string Target, string Kind)> _relevant = [];
    private readonly List<(ReportRow Row, bool Ok, bool Relevant)> _rows = [];
    private long _lastSuccessMs = long.MinValue;

    public LeadUp(IncidentSpan span)
    {
        _floorMs = span.LeadUpFloorMs ?? span.StartMs;
        _commitMs = span.StartMs;
        foreach (var f in span.Verdicts[0].Findings.Where(f => f.State == span.State))
        {
            var kinds = f.How switch { "throttling" => ["throughput"], null or "unknown" => ConnectionKinds, var k => new[] { k } };
            foreach (var target in f.Targets)
            {
                foreach (var kind in kinds)
                {
                    _relevant.Add((target, kind));
                }
            }
        }
    }

    public void Add(ReportRow check, bool ok)
    {
        var at = check.TimestampMs;
        if (_relevant.Count == 0 || at < _floorMs || at >= _commitMs || at <= _lastSuccessMs)
        {
            return;
        }

        var relevant = check.Tag("target") is { } target && check.Tag("kind") is { } kind && _relevant.Contains((target, kind));
        if (relevant && ok)
        {
            _lastSuccessMs = at;
            _rows.RemoveAll(r => r.Row.TimestampMs <= at);
            return;
        }

        _rows.Add((check, ok, relevant));
    }

    /// <summary>The first failing check that led to the commit, or null when none did (the incident's evidence starts at its commit).</summary>
    public long? OnsetMs => _rows.Where(r => r.Relevant && !r.Ok).Select(r => (long?)r.Row.TimestampMs).Min();

    /// <summary>The checks from the onset up to the commit.</summary>
    public IEnumerable<(ReportRow Row, bool Ok)> Rows => OnsetMs is { } onset ? _rows.Where(r => r.Row.TimestampMs >= onset).Select(r => (r.Row, r.Ok)) : [];
}
