namespace Probe.Verdicts;

/// <summary>The probe's own usual latency per target and kind (e.g. a rolling median), against which "well above" is judged.</summary>
public sealed record LatencyBaseline(IReadOnlyDictionary<string, double> MedianMsByTargetAndKind)
{
    /// <summary>The usual goodput (kbit/s) per target, from its throughput checks; empty until enough passes.</summary>
    public IReadOnlyDictionary<string, double> MedianKbpsByTarget { get; init; } = new Dictionary<string, double>();

    public static string Key(string target, Checks.CheckKind kind) => $"{target}/{kind}";
}
