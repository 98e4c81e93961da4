using System.Text.RegularExpressions;
using Probe.Localization;

namespace Probe.Tests.Localization;

/// <summary>Both catalogs hold the same keys with the same placeholders, and every key the code asks for exists.</summary>
public sealed partial class TextCatalogTests
{
    private static IReadOnlyDictionary<string, string> English => TextCatalog.For("en").OwnTexts();

    private static IReadOnlyDictionary<string, string> French => TextCatalog.For("fr").OwnTexts();

    [Test]
    public void OwnTexts_EnglishAndFrench_HoldTheSameKeys()
    {
        Assert.That(English, Is.Not.Empty);
        Assert.That(French.Keys.Order(StringComparer.Ordinal), Is.EqualTo(English.Keys.Order(StringComparer.Ordinal)));
    }

    [Test]
    public void OwnTexts_EveryText_IsNonEmptyWithTheSamePlaceholdersInBothLanguages()
    {
        Assert.Multiple(() =>
        {
            foreach (var (key, english) in English)
            {
                var french = French.GetValueOrDefault(key, "");
                Assert.That(english.Trim(), Is.Not.Empty, $"en {key}");
                Assert.That(french.Trim(), Is.Not.Empty, $"fr {key}");
                Assert.That(Placeholders(french), Is.EqualTo(Placeholders(english)), $"placeholders of {key}");
            }
        });
    }

    [Test]
    public void Sources_EveryKeyTheCodeAsksFor_IsInTheCatalog()
    {
        var src = Path.Combine(RepositoryRoot(), "src", "Probe");
        var used = Directory.EnumerateFiles(src, "*.cs", SearchOption.AllDirectories)
            .SelectMany(file => KeyUse().Matches(File.ReadAllText(file)).Select(m => (file, key: m.Groups["key"].Value)))
            .ToList();
        Assert.That(used, Is.Not.Empty, "the scan found no Text.Get/Text.Format/catalog[...] call: the pattern is stale");
        Assert.Multiple(() =>
        {
            foreach (var (file, key) in used)
            {
                Assert.That(English.ContainsKey(key), Is.True, $"{Path.GetRelativePath(src, file)} asks for \"{key}\", which Strings.resx lacks");
            }
        });
    }

    [Test]
    public void Indexer_FrenchCatalog_ReadsTheFrenchText()
    {
        Assert.That(TextCatalog.For("fr")["language.name"], Is.EqualTo("Français"));
        Assert.That(TextCatalog.For("en")["language.name"], Is.EqualTo("English"));
    }

    [Test]
    public void Indexer_UnknownKey_ShowsTheKeyInsteadOfThrowing()
    {
        Assert.That(TextCatalog.For("fr")["no.such.key"], Is.EqualTo("[no.such.key]"));
    }

    [Test]
    public void Format_Number_UsesTheInvariantCultureInFrenchToo()
    {
        Assert.That(TextCatalog.For("fr").Format("config.language.unknown", 1.5), Does.StartWith("« 1.5 » n’est pas"));
    }

    private static string[] Placeholders(string text) =>
        PlaceholderPattern().Matches(text).Select(m => m.Groups[1].Value).Distinct().Order(StringComparer.Ordinal).ToArray();

    private static string RepositoryRoot()
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

    [GeneratedRegex(@"\{(\d+)(?:[,:][^}]*)?\}")]
    private static partial Regex PlaceholderPattern();

    // Text.Get("k"), Text.Format("k", …), catalog["k"], catalog.Format("k", …) with a literal key.
    [GeneratedRegex(@"(?:\bText\.(?:Get|Format)\(|\b\w*(?:[Cc]atalog|[Tt]exts?)\[|\b\w*(?:[Cc]atalog|[Tt]exts?)\.Format\()""(?<key>[a-z][a-z0-9_-]*(?:\.[a-z0-9_-]+)+)""")]
    private static partial Regex KeyUse();
}
