namespace Probe.Storage;

/// <summary>
/// Where the daemon's first commit goes and how often its rows move to the card (PROBE.md §5); see Store/Stage.
/// <paramref name="RowLimit"/>: rows the stage keeps while the card cannot take them (about 15 MB of tmpfs); beyond,
/// check results go first, oldest first, counted in dropped_total.
/// </summary>
public sealed record StoreStage(string Path, TimeSpan MoveInterval, int RowLimit = StoreStage.DefaultRowLimit)
{
    public const int DefaultRowLimit = 100_000;

    /// <summary>
    /// The stage of <c>probe run</c>: Store.StagePath, else stage.db in systemd's RuntimeDirectory; null when
    /// Store.MoveInterval is zero or there is nowhere to put it (every batch then goes straight to the card).
    /// </summary>
    public static StoreStage? ForDaemon(StoreOptions store, string? runtimeDirectory)
    {
        ArgumentNullException.ThrowIfNull(store);
        if (store.MoveInterval <= TimeSpan.Zero)
        {
            return null;
        }

        var directory = runtimeDirectory?.Split(':')[0];
        var path = !string.IsNullOrWhiteSpace(store.StagePath) ? store.StagePath
            : !string.IsNullOrEmpty(directory) ? System.IO.Path.Combine(directory, "stage.db")
            : null;
        return path is null ? null : new StoreStage(path, store.MoveInterval);
    }
}
