using Probe.Clock;

namespace Probe.Verdicts;

/// <summary>A committed change of state: stored and uploaded as a <c>probe_verdict</c> record.</summary>
public sealed record VerdictChange(Verdict Current, VerdictState Previous, ClockReading Clock);
