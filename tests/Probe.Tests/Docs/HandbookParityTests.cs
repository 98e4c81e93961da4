using System.Text.RegularExpressions;

namespace Probe.Tests.Docs;

/// <summary>PROBE.fr.md keeps step with PROBE.md: same headings, LED rows, commands, config keys and queries (wording is free).</summary>
public sealed partial class HandbookParityTests
{
    [Test]
    public void Headings_SameCountLevelAndOrder()
    {
        var (en, fr) = Handbooks();
        var a = Headings().Matches(en).Select(m => m.Groups[1].Length).ToArray();
        var b = Headings().Matches(fr).Select(m => m.Groups[1].Length).ToArray();
        var enTitles = Headings().Matches(en).Select(m => m.Value.Trim()).ToArray();
        var first = Enumerable.Range(0, Math.Min(a.Length, b.Length)).FirstOrDefault(i => a[i] != b[i], -1);
        Assert.That(b, Is.EqualTo(a), $"PROBE.fr.md has {b.Length} headings, PROBE.md {a.Length}; first difference at heading #{(first < 0 ? Math.Min(a.Length, b.Length) + 1 : first + 1)}: " +
            $"PROBE.md's \"{enTitles.ElementAtOrDefault(first < 0 ? Math.Min(a.Length, b.Length) : first)}\" needs its French heading at the same level");
    }

    [TestCase("commands", @"`(probe(?: [a-z][a-z-]*)+)")]
    [TestCase("config keys", @"`((?:Probe[.:])?(?:[A-Z][A-Za-z]+\.)+[A-Z][A-Za-z]+)`")]
    [TestCase("LED rows (pins)", @"^\| [^|]*\((\d+), (?:pin|broche) (\d+)\)")]
    public void Names_EveryOneInPROBEmd_AlsoInPROBEfrmd(string what, string pattern)
    {
        var (en, fr) = Handbooks();
        var regex = new Regex(pattern, RegexOptions.Multiline);
        var inFrench = string.Join("\n", regex.Matches(fr).Select(Key)) + "\n" + fr;
        var missing = regex.Matches(en).Select(Key).Distinct().Where(k => !fr.Contains(k, StringComparison.Ordinal) && !inFrench.Contains(k, StringComparison.Ordinal)).ToList();
        Assert.That(missing, Is.Empty, $"{what} named in PROBE.md but not in PROBE.fr.md (add them to the matching French section): {string.Join(", ", missing)}");
    }

    [Test]
    public void Queries_CodeBlocksOfQueries_Identical()
    {
        var (en, fr) = Handbooks();
        var a = QueryBlocks().Matches(en).Select(m => m.Value).ToList();
        var b = QueryBlocks().Matches(fr).Select(m => m.Value).ToHashSet();
        var missing = a.Where(q => !b.Contains(q)).Select(q => q.Split('\n')[0] + " " + q.Split('\n').ElementAtOrDefault(1)).ToList();
        Assert.That(missing, Is.Empty, $"query blocks of PROBE.md missing or changed in PROBE.fr.md (copy them unchanged): {string.Join(" | ", missing)}");
    }

    private static string Key(Match m) => string.Join(" ", m.Groups.Cast<Group>().Skip(1).Select(g => g.Value));

    private static (string En, string Fr) Handbooks()
    {
        var root = Root();
        return (File.ReadAllText(Path.Combine(root, "PROBE.md")), File.ReadAllText(Path.Combine(root, "PROBE.fr.md")));
    }

    private static string Root()
    {
        for (var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Probe.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Probe.sln not found above the test directory");
    }

    [GeneratedRegex(@"^(#{1,6}) .*$", RegexOptions.Multiline)]
    private static partial Regex Headings();

    [GeneratedRegex(@"^```(?:influxql|flux|sql)[^\n]*\n.*?^```", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex QueryBlocks();
}
