namespace Probe.Storage;

/// <summary>The local crash-safe buffer.</summary>
public sealed class StoreOptions
{
    public const string DefaultPath = "/var/lib/probe/results.db";

    /// <summary>The buffer file. Left at the default, an unprivileged user without /var/lib/probe gets ~/.local/state/probe/results.db, and systemd's StateDirectory wins.</summary>
    public string Path { get; set; } = DefaultPath;
    public long MaxBytes { get; set; } = 200L * 1024 * 1024;
    /// <summary>How long unsynchronized rows wait for their boot's clock before they are sent marked unsynced.</summary>
    public TimeSpan UnsyncedHoldLimit { get; set; } = TimeSpan.FromHours(6);
}
