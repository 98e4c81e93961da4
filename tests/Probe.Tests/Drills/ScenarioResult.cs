using System.Globalization;

namespace Probe.Tests.Drills;

/// <summary>One played scenario's figures, for the results table.</summary>
internal sealed record ScenarioResult(
    int Number,
    string Name,
    IReadOnlyList<double> DetectionSeconds,
    IReadOnlyList<double> RecoverySeconds,
    DecidingLane DetectionLane,
    DecidingLane RecoveryLane,
    DeliveryCount Delivery,
    IReadOnlyList<string> Verdicts,
    bool Passed)
{
    public string Command => $"tests/drill/run.sh {Number}";

    public static string Seconds(IReadOnlyList<double> values, double factor = 1) => values.Count == 0
        ? "—"
        : string.Join(" / ", values.Select(v => (v * factor).ToString(factor == 1 ? "0.0" : "0", CultureInfo.InvariantCulture)));
}
