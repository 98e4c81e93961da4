using Probe.Localization;

namespace Probe.Report;

/// <summary>The plain-word sentences shared by the md and html reports, in the report's language.</summary>
internal sealed class ReportWording(TextCatalog text)
{
    public TextCatalog Text => text;

    public string State(string state) => text["report.state." + state] is var s && s.StartsWith('[') ? state : s;

    public IEnumerable<string> Summary(ReportModel model)
    {
        var from = model.Probes.Min(p => p.FromMs);
        var to = model.Probes.Max(p => p.ToMs);
        if (model.Incidents.Count == 0)
        {
            yield return text.Format("report.summary.none", ReportTime.Human(from), ReportTime.Human(to));
            yield break;
        }

        yield return text.Plural("report.summary.count", model.Incidents.Count, Incidents(model.Incidents.Count), Probes(model.Probes.Count), ReportTime.Human(from), ReportTime.Human(to));
        var regions = model.Probes.ToDictionary(p => p.Id, p => p.Region ?? "?", StringComparer.Ordinal);
        foreach (var i in model.Incidents)
        {
            var line = i.EndMs is { } end
                ? text.Format("report.summary.incident", i.Probe, regions.GetValueOrDefault(i.Probe), State(i.State), ReportTime.Human(i.StartMs), ReportTime.Human(end), Duration(i.DurationS))
                : text.Format("report.summary.ongoing", i.Probe, regions.GetValueOrDefault(i.Probe), State(i.State), ReportTime.Human(i.StartMs), Duration(i.DurationS));
            if (i.Platforms.Count > 0)
            {
                line += " " + text.Format("report.summary.platforms", Platforms(i));
            }

            yield return line;
        }

        var unsynced = model.Incidents.Sum(i => i.Evidence.Clock.Unsynced);
        if (unsynced > 0)
        {
            yield return text.Plural("report.summary.clock", unsynced);
        }
    }

    public string ProbeLine(ProbeInfo p) =>
        text.Format("report.probe.line", p.Id, p.Region ?? "?", p.Isp ?? "?", p.Asn?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?", ReportTime.Human(p.FromMs), ReportTime.Human(p.ToMs));

    public static string Platforms(Incident i) => string.Join(", ", i.Platforms.Select(p => $"{p.Platform} ({p.How})"));

    public string Evidence(Incident i) =>
        text.Format("report.evidence", text.Plural("report.count.checks", i.Evidence.Checks), i.Evidence.Failed) +
        (i.Evidence.Failures.Count > 0 ? ": " + string.Join(", ", i.Evidence.Failures.Select(f => $"{f.Key} {f.Value}")) : "");

    public string Clock(Incident i) => text.Format(
        "report.clock",
        text.Plural("report.clock.synced", i.Evidence.Clock.Synced),
        text.Plural("report.clock.corrected", i.Evidence.Clock.Corrected),
        text.Plural("report.clock.unsynced", i.Evidence.Clock.Unsynced));

    public string Incidents(long n) => text.Plural("report.count.incidents", n);

    public string Probes(long n) => text.Plural("report.count.probes", n);

    /// <summary>A duration in words, its two largest units: "2 hours and 5 minutes", "1 jour et 3 heures", "45 seconds".</summary>
    public string Duration(double seconds)
    {
        var span = TimeSpan.FromSeconds(Math.Round(Math.Max(0, seconds)));
        var (big, bigUnit, small, smallUnit) = span.TotalDays >= 1 ? ((long)span.TotalDays, "days", span.Hours, "hours")
            : span.TotalHours >= 1 ? ((long)span.TotalHours, "hours", span.Minutes, "minutes")
            : span.TotalMinutes >= 1 ? ((long)span.TotalMinutes, "minutes", span.Seconds, "seconds")
            : ((long)span.TotalSeconds, "seconds", 0, "");
        var first = text.Plural("report.duration." + bigUnit, big);
        return small == 0 ? first : text.Format("report.duration.and", first, text.Plural("report.duration." + smallUnit, small));
    }

    public string End(Incident i) => i.EndMs is { } end ? ReportTime.Human(end) : text["report.ongoing"];

    public string[] Headings() =>
    [
        text["report.column.probe"], text["report.column.state"], text["report.column.start"], text["report.column.end"],
        text["report.column.duration"], text["report.column.platforms"], text["report.column.groups"], text["report.column.evidence"],
        text["report.column.clock"],
    ];

    public string[] Cells(Incident i) =>
        [i.Probe, State(i.State), ReportTime.Human(i.StartMs), End(i), ReportTime.Duration(i.DurationS), Platforms(i), string.Join(", ", i.Groups), Evidence(i), Clock(i)];

    public string[] Method(string version) =>
        [text["report.method.measured"], text["report.method.verdicts"], text["report.method.evidence"], text["report.method.limits"], text.Format("report.method.version", version)];
}
