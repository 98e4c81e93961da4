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

    /// <summary>
    /// The daemon's first commit, on tmpfs (PROBE.md §5). Empty: <c>stage.db</c> in systemd's RuntimeDirectory
    /// (<c>$RUNTIME_DIRECTORY</c>, /run/probe for the unit); without one, no stage. Only <c>probe run</c> stages.
    /// </summary>
    public string StagePath { get; set; } = "";

    /// <summary>How often the stage's rows move to the card in one transaction (and at once on a state change, at start and on stop). Zero: no stage.</summary>
    public TimeSpan MoveInterval { get; set; } = TimeSpan.FromSeconds(150);
}
