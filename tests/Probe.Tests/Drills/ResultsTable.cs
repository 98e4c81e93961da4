using System.Globalization;
using System.Text;

namespace Probe.Tests.Drills;

/// <summary>The drill's results as a Markdown table (what PROBE.md's "Drills" section shows).</summary>
internal static class ResultsTable
{
    public static string Render(IReadOnlyList<ScenarioResult> results, DateTimeOffset finishedAt, TimeSpan duration)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Drill run of {finishedAt:yyyy-MM-dd HH:mm} UTC, {duration.TotalMinutes:0.0} min for the whole suite.");
        text.AppendLine();
        var scale = FormattableString.Invariant(
            $"Scale: sentinels every {DrillScale.SentinelInterval.TotalSeconds:0} s (default {DrillScale.DefaultSentinelInterval.TotalSeconds:0} s, ×{DrillScale.SentinelFactor:0}), ") +
            FormattableString.Invariant(
            $"rounds every {DrillScale.RoundInterval.TotalSeconds:0} s (default {DrillScale.DefaultRoundInterval.TotalMinutes:0} min, ×{DrillScale.RoundFactor:0}), ") +
            FormattableString.Invariant($"Checks.Timeout {DrillScale.CheckTimeout.TotalSeconds:0} s, ConfirmRounds 2. ") +
            "Raw times are measured in the drill (cut or restore → the committed verdict's stored timestamp); " +
            "scaled times multiply them by the factor of the lane that decides (S = sentinels ×10, R = full rounds ×60). " +
            "The R figures are upper bounds: only the wait for the next round grows ×60, while the confirming round comes one " +
            "sentinel interval later (×10) and check timeouts grow ×8 at most. Every scenario must detect and recover within " +
            FormattableString.Invariant($"{DrillScale.Goal.TotalSeconds:0} s of drill time. ") +
            "Results made = check results stored since the previous row's delivery check; delivered = of those, held by " +
            "VictoriaMetrics with every field at its timestamp; doubled = samples it holds twice or that no stored row explains. " +
            "Row 9 counts the whole run after the daemon stopped and a final `probe upload`.";
        text.AppendLine(scale);
        text.AppendLine();
        text.AppendLine("| # | scenario | verdicts committed | detection s (raw) | detection s (scaled) | recovery s (raw) | recovery s (scaled) | results made | delivered | doubled | result | command |");
        text.AppendLine("|---|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (var r in results.OrderBy(r => r.Number))
        {
            var d = DrillScale.Factor(r.DetectionLane);
            var rc = DrillScale.Factor(r.RecoveryLane);
            text.AppendLine(
                FormattableString.Invariant($"| {r.Number} | {r.Name} | {string.Join(" → ", r.Verdicts)} | {ScenarioResult.Seconds(r.DetectionSeconds)} | ") +
                FormattableString.Invariant($"{ScenarioResult.Seconds(r.DetectionSeconds, d)} ({Lane(r.DetectionLane)}) | {ScenarioResult.Seconds(r.RecoverySeconds)} | ") +
                FormattableString.Invariant($"{ScenarioResult.Seconds(r.RecoverySeconds, rc)} ({Lane(r.RecoveryLane)}) | {r.Delivery.Made} | {r.Delivery.Delivered} | {r.Delivery.Doubled} | ") +
                $"{(r.Passed ? "pass" : "FAIL")} | `{r.Command}` |");
        }

        return text.ToString();
    }

    private static string Lane(DecidingLane lane) => lane == DecidingLane.Sentinel ? "S" : "R";
}
