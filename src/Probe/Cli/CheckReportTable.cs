using System.Globalization;
using Probe.Checks;
using Probe.Localization;
using Probe.Verdicts;

namespace Probe.Cli;

/// <summary>Writes a <see cref="CheckReport"/> as the readable table of <c>probe check</c>, in the chosen language.</summary>
/// <remarks>Headings, labels and the explanation of each state are translated; kinds, groups, state names and failure strings stay English.</remarks>
public static class CheckReportTable
{
    private static readonly string[] HeaderKeys = ["kind", "target", "group", "via", "address", "port", "result", "ms", "detail"];

    public static void Write(TextWriter output, CheckReport report) => Write(output, report, Text.Current);

    public static void Write(TextWriter output, CheckReport report, TextCatalog texts)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(texts);
        var failed = report.Results.Count(r => !r.Ok);
        output.WriteLine(texts.Format("check.table.summary", report.ProbeId, report.Version, report.StartedAt.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + "Z", report.Results.Count, failed));
        output.WriteLine();

        var headers = HeaderKeys.Select(k => texts["check.table.column." + k]).ToArray();
        var rows = report.Results.Select(r => Row(r, texts)).ToList();
        var widths = headers.Select((h, i) => Math.Max(h.Length, rows.Count == 0 ? 0 : rows.Max(r => r[i].Length))).ToArray();
        WriteRow(output, headers, widths);
        foreach (var row in rows)
        {
            WriteRow(output, row, widths);
        }

        output.WriteLine();
        var state = report.Verdict.State;
        output.WriteLine(texts.Format("check.table.verdict", state.ToName()));
        output.WriteLine("  " + texts["check.explain." + state.ToName()]);
        foreach (var finding in report.Verdict.Findings)
        {
            output.WriteLine("  " + Describe(finding, texts));
        }

        foreach (var other in report.Verdict.Findings.Select(f => f.State).Where(s => s != state).Distinct())
        {
            output.WriteLine("  " + other.ToName() + ": " + texts["check.explain." + other.ToName()]);
        }

        output.WriteLine();
        output.WriteLine(texts["check.table.recorded"]);
    }

    private static string Describe(Finding f, TextCatalog texts)
    {
        var parts = new List<string> { f.State.ToName() };
        if (f.Platform is not null)
        {
            parts.Add(f.Platform);
        }

        if (f.Resolver is not null)
        {
            parts.Add(texts.Format("check.table.resolver", f.Resolver));
        }

        if (f.Kind is not null || f.Failure is not null)
        {
            parts.Add($"({string.Join(": ", new[] { f.Kind, f.Failure }.Where(s => s is not null))})");
        }

        if (f.How is not null)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"{f.How} {f.Group} ×{f.Ratio:0.####}").Replace("  ", " ", StringComparison.Ordinal));
        }

        if (f.Targets.Count > 0)
        {
            parts.Add(texts.Format("check.table.targets", string.Join(", ", f.Targets)));
        }

        return string.Join("  ", parts);
    }

    private static string[] Row(CheckResult r, TextCatalog texts)
    {
        var inv = CultureInfo.InvariantCulture;
        var via = r.Kind == CheckKind.Dns ? $"{r.Resolver} {r.QueryType}".Trim() : r.Resolver ?? "";
        var detail = r.Kind switch
        {
            CheckKind.Dns => r.Answers.Count > 0 ? string.Join(" ", r.Answers) : r.Rcode ?? "",
            CheckKind.Tls => r.TlsVersion ?? "",
            CheckKind.Http => r.Status is { } s ? texts.Format("check.table.detail.http", s, r.Bytes ?? 0) : "",
            CheckKind.Throughput => r.Kbps is { } kbps
                ? texts.Format("check.table.detail.throughput", kbps.ToString("0", inv), r.Bytes ?? 0)
                : texts.Format("check.table.detail.bytes", r.Bytes ?? 0),
            _ => "",
        };
        return
        [
            r.Kind.ToName(),
            r.Target,
            r.Group?.ToName() ?? "-",
            via.Length == 0 ? "-" : via,
            r.Address ?? "-",
            r.Port?.ToString(inv) ?? "-",
            r.Ok ? "ok" : r.Failure ?? texts["check.table.failed"],
            r.Ms.ToString("0.0", inv),
            detail,
        ];
    }

    private static void WriteRow(TextWriter output, string[] cells, int[] widths)
    {
        var padded = cells.Select((c, i) => i == cells.Length - 1 ? c : (i == 7 ? c.PadLeft(widths[i]) : c.PadRight(widths[i])));
        output.WriteLine(string.Join("  ", padded).TrimEnd());
    }
}
