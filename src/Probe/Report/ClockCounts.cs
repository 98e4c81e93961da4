namespace Probe.Report;

/// <summary>Rows by their clock tag: synced (NTP), corrected (re-stamped after a later sync), unsynced (the wall time may be wrong).</summary>
internal sealed record ClockCounts(long Synced, long Corrected, long Unsynced)
{
    public static ClockCounts None { get; } = new(0, 0, 0);

    public ClockCounts Add(string? clock) => clock switch
    {
        "corrected" => this with { Corrected = Corrected + 1 },
        "unsynced" => this with { Unsynced = Unsynced + 1 },
        _ => this with { Synced = Synced + 1 },
    };
}
