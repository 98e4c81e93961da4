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

    /// <summary>
    /// Throttling: a platform (or the international group) is "far slower" at this share of its comparison's median rate
    /// or less: a fifth. Rates of unthrottled servers over one line vary by 2-3× pass to pass (slow start, a busy
    /// moment); a policer like the 130 kbit/s of Twitter in Russia in 2021 sits 10-100× below a normal download.
    /// </summary>
    public double ThrottlingRatio { get; init; } = 0.2;

    /// <summary>
    /// … and, once the platform has a baseline, at most this share of its own usual rate (half): a platform that is always
    /// slower than the controls from this line is not throttled. For the international group judged by its baseline, the
    /// national group must run above this share of its own, else the volunteer's line is merely busy.
    /// </summary>
    public double ThrottlingBaselineRatio { get; init; } = 0.5;

    /// <summary>
    /// … and never above this rate (kbit/s), whatever the ratios: a 64 KiB download faster than 2 Mbit/s is over in a few
    /// round trips, so its rate measures slow start and timer noise (on the lab's loopback, unthrottled rates of one
    /// server vary tenfold pass to pass), and no throttling leaves a service that fast. Policers sit far below it.
    /// </summary>
    public double ThrottlingCeilingKbps { get; init; } = 2000;

    /// <summary>Medians compared need at least this many measured controls (international, or national for the group).</summary>
    public int ThrottlingMinControls { get; init; } = 2;

    public bool IsReference(string? resolver) => resolver is not null && ReferenceResolvers.Contains(resolver);
}
