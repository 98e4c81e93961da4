using Probe.Localization;

namespace Probe.Report;

/// <summary>The report's counted words: each stem has a <c>.one</c> and an <c>.other</c> text, read through <see cref="TextCatalog.Plural"/>.</summary>
internal static class ReportPlural
{
    /// <summary>The stems that have both forms in both languages (the tests check each one).</summary>
    public static readonly string[] Stems =
    [
        "report.count.incidents", "report.count.probes", "report.count.checks", "report.summary.count", "report.summary.clock",
        "report.clock.synced", "report.clock.corrected", "report.clock.unsynced",
        "report.duration.days", "report.duration.hours", "report.duration.minutes", "report.duration.seconds",
    ];
}
