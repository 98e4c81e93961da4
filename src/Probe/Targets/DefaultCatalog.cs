using System.Globalization;
using Probe.Configuration;

namespace Probe.Targets;

/// <summary>The hand-picked catalog embedded in the binary (Targets/catalog.csv; its header comment documents the columns).</summary>
internal static class DefaultCatalog
{
    public const string ResourceName = "Probe.Targets.catalog.csv";
    public const string Source = "defaults";

    public static List<Target> Load()
    {
        using var stream = typeof(DefaultCatalog).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The build did not embed {ResourceName}.");
        using var reader = new StreamReader(stream);
        return Read(reader);
    }

    internal static List<Target> Read(TextReader reader)
    {
        var problems = new ProblemList();
        var targets = new List<Target>();
        string[]? header = null;
        foreach (var (line, fields) in CsvRows.Read(reader))
        {
            if (header is null)
            {
                header = fields;
                continue;
            }

            string Field(string name)
            {
                var at = Array.FindIndex(header, h => h.Equals(name, StringComparison.OrdinalIgnoreCase));
                return at >= 0 && at < fields.Length ? fields[at] : "";
            }

            var item = new TargetItemOptions
            {
                Name = Field("name"),
                Group = Field("group"),
                Platform = NullIfEmpty(Field("platform")),
                Sentinel = Field("sentinel") == "yes",
                Throughput = Field("throughput") == "yes",
                Url = NullIfEmpty(Field("url")),
                Host = NullIfEmpty(Field("host")),
                Ports = [.. Words(Field("ports")).Select(p => int.Parse(p, CultureInfo.InvariantCulture))],
                Addresses = [.. Words(Field("addresses"))],
            };
            if (TargetFactory.FromItem(item, $"catalog.csv line {line}", Source, problems) is { } target)
            {
                targets.Add(target);
            }
        }

        // The catalog ships inside the binary: a bad row is a bug of this build, not a user error.
        return problems.Count == 0
            ? targets
            : throw new InvalidOperationException("Broken default catalog: " + problems.All[0]);
    }

    private static string? NullIfEmpty(string text) => text.Length == 0 ? null : text;

    private static string[] Words(string text) => text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
}
