using System.Globalization;
using Probe.Checks;
using Probe.Verdicts;

namespace Probe.Cli;

/// <summary>Writes a <see cref="CheckReport"/> as the readable table of <c>probe check</c>.</summary>
public static class CheckReportTable
{
    private static readonly string[] Headers = ["KIND", "TARGET", "GROUP", "VIA", "ADDRESS", "PORT", "RESULT", "MS", "DETAIL"];

    public static void Write(TextWriter output, CheckReport report)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(report);
        var inv = CultureInfo.InvariantCulture;
        var failed = report.Results.Count(r => !r.Ok);
        output.WriteLine(string.Create(inv, $"probe {report.ProbeId} {report.Version} · round started {report.StartedAt:yyyy-MM-dd HH:mm:ss}Z · {report.Results.Count} checks, {failed} failed"));
        output.WriteLine();

        var rows = report.Results.Select(Row).ToList();
        var widths = Headers.Select((h, i) => Math.Max(h.Length, rows.Count == 0 ? 0 : rows.Max(r => r[i].Length))).ToArray();
        WriteRow(output, Headers, widths);
        foreach (var row in rows)
        {
            WriteRow(output, row, widths);
        }

        output.WriteLine();
        output.WriteLine($"verdict: {report.Verdict.State.ToName()}");
        foreach (var finding in report.Verdict.Findings)
        {
            output.WriteLine("  " + Describe(finding));
        }
    }

    private static string Describe(Finding f)
    {
        var parts = new List<string> { f.State.ToName() };
        if (f.Platform is not null)
        {
            parts.Add(f.Platform);
        }

        if (f.Resolver is not null)
        {
            parts.Add($"resolver {f.Resolver}");
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
            parts.Add("targets: " + string.Join(", ", f.Targets));
        }

        return string.Join("  ", parts);
    }

    private static string[] Row(CheckResult r)
    {
        var inv = CultureInfo.InvariantCulture;
        var via = r.Kind == CheckKind.Dns ? $"{r.Resolver} {r.QueryType}".Trim() : r.Resolver ?? "";
        var detail = r.Kind switch
        {
            CheckKind.Dns => r.Answers.Count > 0 ? string.Join(" ", r.Answers) : r.Rcode ?? "",
            CheckKind.Tls => r.TlsVersion ?? "",
            CheckKind.Http => r.Status is { } s ? string.Create(inv, $"{s} · {r.Bytes ?? 0} B") : "",
            CheckKind.Throughput => r.Kbps is { } kbps ? string.Create(inv, $"{kbps:0} kbit/s · {r.Bytes ?? 0} B") : string.Create(inv, $"{r.Bytes ?? 0} B"),
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
            r.Ok ? "ok" : r.Failure ?? "failed",
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
