namespace Probe.Verdicts;

/// <summary>The probe's own usual latency per target and kind (e.g. a rolling median), against which "well above" is judged.</summary>
public sealed record LatencyBaseline(IReadOnlyDictionary<string, double> MedianMsByTargetAndKind)
{
    public static string Key(string target, Checks.CheckKind kind) => $"{target}/{kind}";
}
