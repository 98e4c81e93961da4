namespace Probe.Verdicts;

/// <summary>Picks the most frequent value, ties going to the first seen, so findings are deterministic.</summary>
internal static class FailureTally
{
    public static string? Dominant(IEnumerable<string?> values)
    {
        var counts = new Dictionary<string, (int Count, int First)>(StringComparer.Ordinal);
        var index = 0;
        foreach (var value in values)
        {
            if (value is not null)
            {
                counts[value] = counts.TryGetValue(value, out var seen) ? (seen.Count + 1, seen.First) : (1, index);
            }

            index++;
        }

        return counts.Count == 0
            ? null
            : counts.OrderByDescending(pair => pair.Value.Count).ThenBy(pair => pair.Value.First).First().Key;
    }

    public static string KindName(Checks.CheckKind kind) => kind.ToString().ToLowerInvariant();

    public static IReadOnlyList<string> SortedNames(IEnumerable<string> names) =>
        names.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
}
