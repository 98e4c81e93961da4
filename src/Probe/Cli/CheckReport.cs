using Probe.Checks;
using Probe.Verdicts;

namespace Probe.Cli;

/// <summary>What one <c>probe check</c> round produced: the contract of <c>--json</c> and the table.</summary>
public sealed record CheckReport(
    string ProbeId,
    string Version,
    DateTimeOffset StartedAt,
    IReadOnlyList<CheckResult> Results,
    Verdict Verdict);
