namespace Probe.Checks;

/// <summary>How deep a round goes: the whole of it, or the budgeted lanes' lighter forms.</summary>
/// <param name="Http">Whether http checks run (the platform watch stops at the TLS handshake).</param>
/// <param name="ReferenceResolvers">Whether the reference resolvers are asked too (the watch asks the device's own only).</param>
/// <param name="BodyLimitBytes">At most this much of a body is read; null: Checks.HttpBodyLimitBytes (always its upper bound).</param>
public sealed record RoundShape(bool Http, bool ReferenceResolvers, int? BodyLimitBytes)
{
    /// <summary>Every check as configured: the round of before budgets.</summary>
    public static RoundShape Full { get; } = new(Http: true, ReferenceResolvers: true, BodyLimitBytes: null);

    /// <summary>dns at the device's resolvers, tcp and tls: what a platform block shows in.</summary>
    public static RoundShape Watch { get; } = new(Http: false, ReferenceResolvers: false, BodyLimitBytes: null);

    /// <summary>A whole round on a budget: the status and the first 4 KiB of each page tell reachability, the rest is what a metered link pays for.</summary>
    public static RoundShape Budgeted { get; } = new(Http: true, ReferenceResolvers: true, BodyLimitBytes: 4096);
}
