using System.Globalization;
using System.Text;

namespace Probe.Report;

/// <summary><c>probe report --format csv</c>: one row an incident, columns named after Access Now's STOP dataset.</summary>
internal static class CsvReportRenderer
{
    private static readonly string[] Columns =
    [
        "probe", "state", "start_date", "end_date", "duration", "shutdown_type", "shutdown_extent", "area_name", "affected_network",
        "isp", "asn", "facebook_affected", "twitter_affected", "whatsapp_affected", "instagram_affected", "telegram_affected",
        "other_affected", "how", "groups", "evidence", "clock",
    ];

    // The csv is for analysts: English, whatever --lang says (its column names are English too).
    private static readonly ReportWording English = new(Localization.TextCatalog.English);

    public static void Write(TextWriter output, ReportModel model)
    {
        output.Write(string.Join(',', Columns) + "\r\n");
        var probes = model.Probes.ToDictionary(p => p.Id, StringComparer.Ordinal);
        foreach (var i in model.Incidents)
        {
            var p = probes.GetValueOrDefault(i.Probe);
            var e = i.Evidence;
            var evidence = English.Text.Format("report.evidence", English.Text.Plural("report.count.checks", e.Checks), e.Failed) +
                (e.Failures.Count > 0 ? ": " + string.Join("; ", e.Failures.Select(f => $"{f.Key} {f.Value}")) : "");
            string[] cells =
            [
                i.Probe, i.State, ReportTime.Iso(i.StartMs), i.EndMs is { } end ? ReportTime.Iso(end) : "",
                (i.DurationS / 3600).ToString("0.###", CultureInfo.InvariantCulture),
                StopMapping.ShutdownType(i), StopMapping.ShutdownExtent(i), p?.Region ?? "", StopMapping.Network(p?.Access),
                p?.Isp ?? "", p?.Asn?.ToString(CultureInfo.InvariantCulture) ?? "",
                .. StopMapping.NamedPlatforms.Select(n => StopMapping.Affected(i, n) ? "yes" : "no"),
                string.Join(' ', i.Platforms.Select(x => x.Platform).Where(x => !StopMapping.NamedPlatforms.Contains(x) && x != "x")),
                string.Join(' ', i.Platforms.Select(x => $"{x.Platform}:{x.How}")), string.Join(' ', i.Groups), evidence,
                string.Create(CultureInfo.InvariantCulture, $"synced {e.Clock.Synced}; corrected {e.Clock.Corrected}; unsynced {e.Clock.Unsynced}"),
            ];
            output.Write(string.Join(',', cells.Select(Quote)) + "\r\n");
        }
    }

    private static string Quote(string cell) =>
        cell.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + cell.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : cell;
}
