namespace Probe.Localization;

/// <summary>The catalog of the language this command speaks, chosen once at start (<see cref="LanguageChoice"/>).</summary>
/// <remarks>
/// One process runs one command for one person, so the choice is process-wide, like the console it writes to.
/// Code that renders for an explicit language (<c>probe report --lang</c>, <c>probe leds card --lang</c>) takes a
/// <see cref="TextCatalog"/> instead. JSON keys, state names, failure strings, tags and logs never come from here.
/// </remarks>
public static class Text
{
    /// <summary>The chosen catalog (English until <see cref="Use"/>).</summary>
    public static TextCatalog Current { get; private set; } = TextCatalog.English;

    /// <summary>Chooses the language of this process's human output, and of System.CommandLine's own help headings.</summary>
    public static void Use(TextCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        Current = catalog;
        System.Globalization.CultureInfo.CurrentUICulture = catalog.UiCulture;
        System.Globalization.CultureInfo.DefaultThreadCurrentUICulture = catalog.UiCulture;
    }

    /// <summary>The text of <paramref name="key"/> in the chosen language.</summary>
    public static string Get(string key) => Current[key];

    /// <summary>The text of <paramref name="key"/> in the chosen language, with {0}, {1} … filled in.</summary>
    public static string Format(string key, params object?[] args) => Current.Format(key, args);
}
