namespace Probe.Budget;

/// <summary>What a round checks: the whole catalog, the platform watch, or the group an anomaly affects.</summary>
internal enum RoundKind
{
    /// <summary>Every target, every resolver, http up to the body limit.</summary>
    Coverage,

    /// <summary>Platform targets and the sentinels: dns at the device's resolvers, tcp, tls; no http.</summary>
    Watch,

    /// <summary>An anomaly's group again (the targets of the pending and committed findings, with the sentinels as controls), at once.</summary>
    Confirmation,

    /// <summary>The sentinels changed picture: the watch's targets at once (failing checks cost little).</summary>
    Triggered,

    /// <summary>The sentinels saw a committed cut end: the watch's targets at once, as the watch lane's next pass.</summary>
    Recovery,
}
