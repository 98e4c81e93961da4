namespace Probe.Tests.Drills;

/// <summary>Which lane's rhythm bounds a detection or recovery, and so which factor scales it back to the defaults.</summary>
internal enum DecidingLane
{
    /// <summary>The sentinels see the change (a cut, a shutdown, a dead gateway, and their end).</summary>
    Sentinel,

    /// <summary>Only a full round sees it (a blocked platform, a lying resolver, and their end).</summary>
    Round,
}
