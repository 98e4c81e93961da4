namespace Probe.Report;

/// <summary><c>probe report --format md</c>: the same report as the HTML one, for pasting into a message, a wiki or an issue.</summary>
internal static class MarkdownReportRenderer
{
    public static void Write(TextWriter o, ReportModel model, ReportWording words)
    {
        var text = words.Text;
        o.WriteLine($"# {text["report.title"]}");
        o.WriteLine();
        o.WriteLine(text.Format("report.generated", ReportTime.Human(model.GeneratedAt.ToUnixTimeMilliseconds()), model.Version));
        o.WriteLine();
        o.WriteLine($"## {text["report.summary.title"]}");
        o.WriteLine();
        foreach (var line in words.Summary(model))
        {
            o.WriteLine($"- {Escape(line)}");
        }

        o.WriteLine();
        foreach (var p in model.Probes)
        {
            o.WriteLine($"- {Escape(words.ProbeLine(p))}");
        }

        o.WriteLine();
        o.WriteLine($"## {text["report.incidents.title"]}");
        o.WriteLine();
        if (model.Incidents.Count == 0)
        {
            o.WriteLine(text["report.incidents.none"]);
        }
        else
        {
            var headings = words.Headings();
            o.WriteLine("| " + string.Join(" | ", headings.Select(Escape)) + " |");
            o.WriteLine("|" + string.Concat(headings.Select(_ => "---|")));
            foreach (var i in model.Incidents)
            {
                o.WriteLine("| " + string.Join(" | ", words.Cells(i).Select(Escape)) + " |");
            }
        }

        o.WriteLine();
        o.WriteLine($"## {text["report.method.title"]}");
        o.WriteLine();
        foreach (var paragraph in words.Method(model.Version))
        {
            o.WriteLine(Escape(paragraph));
            o.WriteLine();
        }
    }

    private static string Escape(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);
}
