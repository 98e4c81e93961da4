using Probe.Localization;

namespace Probe.Report;

/// <summary>
/// Counted words in the report's language: a key has a <c>.one</c> and an <c>.other</c> text, chosen by the number as
/// each language does (English: one for 1; French: one for 0 and 1, "0 incident", "1 heure", "2 heures").
/// </summary>
internal static class ReportPlural
{
    /// <summary>The stems that have both forms in both languages (the tests check each one).</summary>
    public static readonly string[] Stems =
    [
        "report.count.incidents", "report.count.probes", "report.count.checks", "report.summary.count", "report.summary.clock",
        "report.clock.synced", "report.clock.corrected", "report.clock.unsynced",
        "report.duration.days", "report.duration.hours", "report.duration.minutes", "report.duration.seconds",
    ];

    public static bool IsOne(string language, long n) => language == "fr" ? n is 0 or 1 : n == 1;

    /// <summary>The text of <paramref name="stem"/> for <paramref name="n"/>, with {0} the number and {1} … the other arguments.</summary>
    public static string Format(TextCatalog text, string stem, long n, params object?[] more) =>
        text.Format(stem + (IsOne(text.Language, n) ? ".one" : ".other"), [n, .. more]);
}
