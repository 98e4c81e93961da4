namespace Probe.Report;

/// <summary>Everything a report shows, built from rows by <see cref="ReportBuilder"/> and drawn by the renderers.</summary>
/// <param name="GeneratedAt">When the report was made.</param>
/// <param name="SinceMs">The window's start (--since), if any.</param>
/// <param name="UntilMs">The window's end (--until), if any.</param>
/// <param name="Probes">The probes with rows in the window.</param>
/// <param name="Incidents">Their incidents, by probe then start.</param>
/// <param name="Timelines">One timeline per probe, in the order of <paramref name="Probes"/>.</param>
/// <param name="Version">The version of the probe that made the report.</param>
internal sealed record ReportModel(
    DateTimeOffset GeneratedAt,
    long? SinceMs,
    long? UntilMs,
    IReadOnlyList<ProbeInfo> Probes,
    IReadOnlyList<Incident> Incidents,
    IReadOnlyList<ProbeTimeline> Timelines,
    string Version);
