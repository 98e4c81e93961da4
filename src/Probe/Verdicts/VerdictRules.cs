namespace Probe.Verdicts;

/// <summary>The settings the engine judges with, frozen once: which resolvers are references, and the thresholds of "most" and "well above".</summary>
/// <param name="ReferenceResolvers">Names of the resolvers configured with <c>"Reference": true</c>.</param>
internal sealed record VerdictRules(IReadOnlySet<string> ReferenceResolvers)
{
    /// <summary>A platform is blocked when at least this share of its judged targets fails (two of three, one of one).</summary>
    public double PlatformFailingShare { get; init; } = 2.0 / 3.0;

    /// <summary>Controls "work" when more than this share of them is reachable.</summary>
    public double ControlsWorkingShare { get; init; } = 0.5;

    /// <summary>Failures that fit no stronger state make the probe degraded from this many targets on …</summary>
    public int DegradedMinFailing { get; init; } = 2;

    /// <summary>… and from this share of the judged targets on, so that a large list with a few dead sites stays online.</summary>
    public double DegradedFailingShare { get; init; } = 0.1;

    /// <summary>A latency is "well above" the baseline when it is this many times the median …</summary>
    public double SlowFactor { get; init; } = 3.0;

    /// <summary>… and at least this many milliseconds above it (fast targets jitter by large factors).</summary>
    public double SlowMarginMs { get; init; } = 200;

    /// <summary>Latency makes the probe degraded from this many slow targets on …</summary>
    public int SlowMinTargets { get; init; } = 2;

    /// <summary>… and from this share of the targets that have a baseline on.</summary>
    public double SlowShare { get; init; } = 0.3;

    public bool IsReference(string? resolver) => resolver is not null && ReferenceResolvers.Contains(resolver);
}
