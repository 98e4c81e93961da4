using Probe.Configuration;

namespace Probe.Targets;

/// <summary>
/// Reads a citizenlab/OONI test list (<c>url,category_code,category_description,date_added,source,notes</c>).
/// Optional extra columns: <c>Group</c> (else the file entry's group, else national) and
/// <c>Platform</c> (else, for platform rows, the host's second-level label: web.whatsapp.com → whatsapp).
/// </summary>
internal static class CitizenLabList
{
    private const int MaxProblemsPerFile = 10;

    public static List<Target> Read(TargetFileOptions file, string key, ProblemList problems)
    {
        var targets = new List<Target>();
        var fileGroup = string.IsNullOrWhiteSpace(file.Group)
            ? TargetGroup.National
            : TargetFactory.Group(file.Group, $"{key}:Group", problems);
        if (string.IsNullOrWhiteSpace(file.Path))
        {
            problems.Add(key, Localization.Text.Get("config.targets.file.nopath"));
            return targets;
        }

        try
        {
            using var reader = new StreamReader(file.Path);
            ReadRows(reader, file.Path, fileGroup, key, targets, problems);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            problems.Add(key, Localization.Text.Format("config.targets.file.missing", file.Path));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            problems.Add(key, Localization.Text.Format("config.targets.file.unreadable", file.Path, e.Message));
        }

        return targets;
    }

    private static void ReadRows(TextReader reader, string source, TargetGroup fileGroup, string key, List<Target> targets, ProblemList problems)
    {
        using var rows = CsvRows.Read(reader).GetEnumerator();
        if (!rows.MoveNext())
        {
            problems.Add(key, Localization.Text.Format("config.targets.file.empty", source));
            return;
        }

        var header = rows.Current.Fields;
        int Column(string name) => Array.FindIndex(header, h => h.Equals(name, StringComparison.OrdinalIgnoreCase));
        var (urlAt, groupAt, platformAt) = (Column("url"), Column("group"), Column("platform"));
        if (urlAt < 0)
        {
            problems.Add(key, Localization.Text.Format("config.targets.file.nourl", source, rows.Current.Line));
            return;
        }

        var taken = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var before = problems.Count;
        while (rows.MoveNext() && problems.Count - before < MaxProblemsPerFile)
        {
            var (line, fields) = rows.Current;
            string? Field(int at) => at >= 0 && at < fields.Length && fields[at].Length > 0 ? fields[at] : null;
            var urlText = Field(urlAt);
            if (!NetworkText.IsHttpUrl(urlText, out var url))
            {
                problems.Add(key, Localization.Text.Format("config.targets.file.badurl", source, line, urlText));
                continue;
            }

            var rowProblems = new ProblemList();
            var group = Field(groupAt) is { } g ? TargetFactory.Group(g, "Group", rowProblems) : fileGroup;
            var platform = group == TargetGroup.Platform
                ? Field(platformAt)?.ToLowerInvariant() ?? SecondLevelLabel(TargetFactory.HostOf(url))
                : null;
            if (rowProblems.Count > 0)
            {
                problems.Add(key, Localization.Text.Format("config.targets.file.row", source, line, rowProblems.All[0].Problem));
                continue;
            }

            var name = TargetNames.ForUrl(url, urlText!, taken);
            targets.Add(new Target(name, TargetFactory.HostOf(url), url, group, platform, [url.Port], [], false, source));
        }
    }

    private static string SecondLevelLabel(string host)
    {
        var labels = host.Split('.');
        return labels.Length >= 2 ? labels[^2] : host;
    }
}
