namespace Probe.Report;

/// <summary>
/// A committed state other than online/unknown, from its state change to the next one (<see cref="EndMs"/> null while
/// it is still the probe's last committed state), with what the checks measured meanwhile.
/// </summary>
/// <param name="Probe">The probe id.</param>
/// <param name="State">The committed state (contract name: international_cut, platform_block …).</param>
/// <param name="StartMs">When it was committed.</param>
/// <param name="EndMs">When the next state was committed; null while ongoing.</param>
/// <param name="LastSeenMs">The probe's last row: where an ongoing incident's duration stops counting.</param>
/// <param name="Platforms">Platforms affected and how.</param>
/// <param name="Groups">Target groups affected (national, international, platform).</param>
/// <param name="Evidence">The check results stored during the incident.</param>
internal sealed record Incident(
    string Probe,
    string State,
    long StartMs,
    long? EndMs,
    long LastSeenMs,
    IReadOnlyList<PlatformHow> Platforms,
    IReadOnlyList<string> Groups,
    Evidence Evidence)
{
    public bool Ongoing => EndMs is null;

    /// <summary>Until the end, or for an ongoing incident until the probe's last row.</summary>
    public double DurationS => Math.Max(0, (EndMs ?? LastSeenMs) - StartMs) / 1000.0;
}
