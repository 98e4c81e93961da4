using System.Net;

namespace Probe.Report;

/// <summary>
/// <c>probe report --format html</c>: one self-contained page (inline CSS and SVG, no script, nothing fetched) with a
/// summary in plain words, a timeline per probe, the incident table and the method; prints to PDF as it shows.
/// </summary>
internal static class HtmlReportRenderer
{
    private const string Css = """
        body { font-family: "DejaVu Sans", Arial, sans-serif; color: #222; margin: 24px; max-width: 980px; }
        h1 { font-size: 22px; margin: 0 0 4px; } h2 { font-size: 17px; margin: 22px 0 8px; border-bottom: 1px solid #ccc; }
        p, li { font-size: 13px; line-height: 1.45; } .muted { color: #666; font-size: 12px; }
        table { border-collapse: collapse; font-size: 12px; width: 100%; } th, td { border: 1px solid #bbb; padding: 4px 6px; text-align: left; vertical-align: top; }
        th { background: #f0f0f0; } svg.timeline { display: block; margin: 6px 0 14px; }
        svg text { font-family: "DejaVu Sans", Arial, sans-serif; } .label { font-size: 13px; font-weight: bold; } .strip, .tick { font-size: 10px; fill: #444; }
        .legend span { display: inline-block; width: 12px; height: 12px; margin: 0 4px 0 12px; vertical-align: middle; }
        @media print { body { margin: 0; max-width: none; } h2 { break-after: avoid; } svg, tr { break-inside: avoid; }
          * { -webkit-print-color-adjust: exact; print-color-adjust: exact; } }
        @page { size: A4; margin: 14mm; }
        """;

    private static readonly string[] LegendStates = ["online", "degraded", "dns_tampering", "platform_block", "international_cut", "full_shutdown", "local_fault", "unknown"];

    public static void Write(TextWriter o, ReportModel model, ReportWording words)
    {
        var text = words.Text;
        string E(string s) => WebUtility.HtmlEncode(s);
        o.WriteLine("<!DOCTYPE html>");
        o.WriteLine($"<html lang=\"{text.Language}\"><head><meta charset=\"utf-8\"><title>{E(text["report.title"])}</title>");
        o.WriteLine($"<style>{Css}</style></head><body>");
        o.WriteLine($"<h1>{E(text["report.title"])}</h1>");
        o.WriteLine($"<p class=\"muted\">{E(text.Format("report.generated", ReportTime.Human(model.GeneratedAt.ToUnixTimeMilliseconds()), model.Version))}</p>");
        o.WriteLine($"<h2>{E(text["report.summary.title"])}</h2><ul>");
        foreach (var line in words.Summary(model))
        {
            o.WriteLine($"<li>{E(line)}</li>");
        }

        o.WriteLine("</ul>");
        o.WriteLine($"<h2>{E(text["report.timeline.title"])}</h2>");
        o.Write("<p class=\"legend\">");
        foreach (var state in LegendStates)
        {
            o.Write($"<span style=\"background:{StateColours.Of(state)}\"></span>{E(words.State(state))}");
        }

        o.WriteLine("</p>");
        o.WriteLine($"<p class=\"muted\">{E(text["report.timeline.strips"])}</p>");
        foreach (var (probe, timeline) in model.Probes.Zip(model.Timelines))
        {
            o.WriteLine($"<p>{E(words.ProbeLine(probe))}</p>");
            o.WriteLine(TimelineSvg.Render(timeline, words));
        }

        o.WriteLine($"<h2>{E(text["report.incidents.title"])}</h2>");
        if (model.Incidents.Count == 0)
        {
            o.WriteLine($"<p>{E(text["report.incidents.none"])}</p>");
        }
        else
        {
            o.WriteLine("<table><thead><tr>" + string.Concat(words.Headings().Select(h => $"<th>{E(h)}</th>")) + "</tr></thead><tbody>");
            foreach (var i in model.Incidents)
            {
                o.WriteLine("<tr>" + string.Concat(words.Cells(i).Select(c => $"<td>{E(c)}</td>")) + "</tr>");
            }

            o.WriteLine("</tbody></table>");
        }

        o.WriteLine($"<h2>{E(text["report.method.title"])}</h2>");
        foreach (var paragraph in words.Method(model.Version))
        {
            o.WriteLine($"<p>{E(paragraph)}</p>");
        }

        o.WriteLine("</body></html>");
    }
}
