using System.Globalization;
using System.Resources;

namespace Probe.Localization;

/// <summary>The human-facing texts of one language (Strings.resx in English, Strings.fr.resx in French).</summary>
/// <remarks>
/// Keys are "area.name" (status.buffer, report.summary.title). A key missing from a language falls back to English,
/// and a key missing from both comes back as the key itself in brackets, so a typo shows on screen instead of
/// crashing a command; the catalog tests make both impossible in a build that passes. Numbers and dates inside
/// texts are formatted with the invariant culture: "12.5 ms" reads the same in both languages and in the logs.
/// </remarks>
public sealed class TextCatalog
{
    /// <summary>The languages the probe speaks, English first (the fallback).</summary>
    public static IReadOnlyList<string> Languages { get; } = ["en", "fr"];

    private static readonly ResourceManager Resources = new("Probe.Localization.Strings", typeof(TextCatalog).Assembly);

    private static readonly TextCatalog EnglishCatalog = new("en");
    private static readonly TextCatalog FrenchCatalog = new("fr");

    private readonly CultureInfo _culture;

    private TextCatalog(string language)
    {
        Language = language;
        _culture = language == "en" ? CultureInfo.InvariantCulture : CultureInfo.GetCultureInfo(language);
    }

    /// <summary>English.</summary>
    public static TextCatalog English => EnglishCatalog;

    /// <summary>"en" or "fr".</summary>
    public string Language { get; }

    /// <summary>The culture that selects this language's resources (and System.CommandLine's own help headings).</summary>
    public CultureInfo UiCulture => _culture;

    /// <summary>The catalog of a language from <see cref="Languages"/>; throws on any other.</summary>
    public static TextCatalog For(string language) => language switch
    {
        "en" => EnglishCatalog,
        "fr" => FrenchCatalog,
        _ => throw new ArgumentOutOfRangeException(nameof(language), language, "the probe speaks en and fr"),
    };

    /// <summary>The text of <paramref name="key"/>.</summary>
    public string this[string key] => Resources.GetString(key, _culture) ?? $"[{key}]";

    /// <summary>The text of <paramref name="key"/> with {0}, {1} … filled in (numbers in the invariant culture).</summary>
    public string Format(string key, params object?[] args) => string.Format(CultureInfo.InvariantCulture, this[key], args);

    /// <summary>
    /// The counted text of <paramref name="stem"/>: its <c>.one</c> or <c>.other</c> key, chosen as the language counts
    /// (English: one for 1; French: one for 0 and 1, "0 incident", "1 heure", "2 heures"), with {0} the number and {1} …
    /// the other arguments.
    /// </summary>
    public string Plural(string stem, long n, params object?[] more) =>
        Format(stem + ((Language == "fr" ? n is 0 or 1 : n == 1) ? ".one" : ".other"), [n, .. more]);

    /// <summary>Every key and text of this language's own file, without the English fallback (for the catalog tests).</summary>
    internal IReadOnlyDictionary<string, string> OwnTexts()
    {
        var set = Resources.GetResourceSet(_culture, createIfNotExists: true, tryParents: false)
            ?? throw new MissingManifestResourceException($"no {Language} resources in the binary");
        var texts = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (System.Collections.DictionaryEntry entry in set)
        {
            texts[(string)entry.Key] = entry.Value as string ?? "";
        }

        return texts;
    }
}
