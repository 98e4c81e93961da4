using System.Text.Json;

namespace Probe.Localization;

/// <summary>Which language a command speaks: <c>Probe.Language</c>, else the locale (LC_ALL, LC_MESSAGES, LANG), else English.</summary>
/// <remarks>
/// Decided before the command line is built, since <c>--help</c> is already text for a person. So the configured
/// language is read here on its own, leniently: a configuration that does not parse is reported later, in the
/// chosen language, by the command that loads it (exit 78 naming the key), and an unknown value is reported there
/// too; here either one just means "not configured".
/// </remarks>
public static class LanguageChoice
{
    /// <summary>The environment variable that overrides <c>Probe.Language</c>, as for every key (PROBE__Sink__Token → Probe:Sink:Token).</summary>
    public const string EnvironmentKey = "PROBE__Language";

    /// <summary>The language for a run: from the configuration file or its environment override, else the locale.</summary>
    /// <param name="configPath">The file --config names, or the default path.</param>
    /// <param name="environment">Reads one environment variable.</param>
    public static TextCatalog Resolve(string configPath, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var configured = environment(EnvironmentKey) ?? ConfiguredIn(configPath);
        return FromName(configured)
            ?? FromLocale(environment("LC_ALL"))
            ?? FromLocale(environment("LC_MESSAGES"))
            ?? FromLocale(environment("LANG"))
            ?? TextCatalog.English;
    }

    /// <summary>The catalog named by a <c>Probe.Language</c> value ("fr", "FR", "en"), or null for none or an unknown one.</summary>
    public static TextCatalog? FromName(string? name)
    {
        var language = name?.Trim().ToLowerInvariant();
        return language is not null && TextCatalog.Languages.Contains(language) ? TextCatalog.For(language) : null;
    }

    /// <summary>The catalog of a POSIX locale ("fr_SN.UTF-8", "fr", "en_US"), or null for an unset, C or POSIX one or another language.</summary>
    public static TextCatalog? FromLocale(string? locale)
    {
        if (string.IsNullOrWhiteSpace(locale))
        {
            return null;
        }

        var language = locale.Split('_', '.', '@', '-')[0];
        return FromName(language);
    }

    /// <summary>The <c>Probe.Language</c> string of a JSON config file, or null when absent, unreadable or not a string.</summary>
    internal static string? ConfiguredIn(string path)
    {
        try
        {
            if (!File.Exists(path))
            {
                return null;
            }

            using var document = JsonDocument.Parse(File.ReadAllBytes(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            var root = document.RootElement;
            return root.ValueKind == JsonValueKind.Object
                && TryGet(root, "Probe", out var probe) && probe.ValueKind == JsonValueKind.Object
                && TryGet(probe, "Language", out var language) && language.ValueKind == JsonValueKind.String
                ? language.GetString()
                : null;
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    // Configuration keys are case-insensitive, as Microsoft.Extensions.Configuration reads them.
    private static bool TryGet(JsonElement element, string name, out JsonElement value)
    {
        foreach (var property in element.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                value = property.Value;
                return true;
            }
        }

        value = default;
        return false;
    }
}
