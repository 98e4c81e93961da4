using Probe.Checks;

namespace Probe.Verdicts;

/// <summary>A pure function from recent results to a verdict: no I/O, no clock reads.</summary>
public interface IVerdictEngine
{
    /// <param name="results">The results of the latest round (and/or sentinel lane) to judge.</param>
    /// <param name="baseline">The probe's own latency baseline, or null when it has none yet.</param>
    Verdict Evaluate(IReadOnlyList<CheckResult> results, LatencyBaseline? baseline = null);
}
