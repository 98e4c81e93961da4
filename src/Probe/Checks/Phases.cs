namespace Probe.Checks;

/// <summary>Measured phase durations in milliseconds; a phase that did not happen is null.</summary>
public sealed record Phases(double? Dns = null, double? Connect = null, double? Tls = null, double? Ttfb = null, double? Total = null)
{
    public static Phases None { get; } = new();
}
