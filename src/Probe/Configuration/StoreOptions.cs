namespace Probe.Configuration;

/// <summary>The local crash-safe buffer.</summary>
public sealed class StoreOptions
{
    public string Path { get; set; } = "/var/lib/probe/results.db";
    public long MaxBytes { get; set; } = 200L * 1024 * 1024;
    /// <summary>How long unsynchronized rows wait for their boot's clock before they are sent marked unsynced.</summary>
    public TimeSpan UnsyncedHoldLimit { get; set; } = TimeSpan.FromHours(6);
}
