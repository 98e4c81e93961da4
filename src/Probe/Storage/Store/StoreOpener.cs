using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Probe.Storage.Rows;
using Probe.Storage.Schema;

namespace Probe.Storage.Store;

/// <summary>Opens the store file, checked and migrated; a damaged or foreign file is moved aside and a fresh one started, so the daemon never crash-loops on it.</summary>
internal sealed class StoreOpener(string path, RowEncoder encoder, TimeProvider time, ILogger logger)
{
    /// <summary>
    /// Opens the file; <paramref name="check"/> runs SQLite's quick check first (it reads every page: 0.5 s per 200 MB).
    /// Readers skip it: a read cannot make damage worse, and damage it meets is quarantined where it shows.
    /// </summary>
    public StoreSession Open(bool check)
    {
        try
        {
            var directory = Path.GetDirectoryName(Path.GetFullPath(path));
            if (directory is not null)
            {
                Directory.CreateDirectory(directory);
            }

            for (var attempt = 0; ; attempt++)
            {
                var problem = StoreFile.HeaderProblem(path);
                SqliteConnection? connection = null;
                try
                {
                    if (problem is null)
                    {
                        connection = StoreFile.Open(path);
                        problem = check ? StoreFile.QuickCheckProblem(connection) : null;
                        if (problem is null && StoreSchema.Version(connection) is > 0 and var version && version < StoreSchema.CurrentVersion)
                        {
                            Log.Migrating(logger, path, version, StoreSchema.CurrentVersion);
                        }

                        problem ??= StoreSchema.Migrate(connection) ? null : "written by a newer probe (schema version above " + StoreSchema.CurrentVersion + ")";
                    }
                }
                catch (SqliteException e) when (StoreFile.IsCorruption(e))
                {
                    problem = e.Message;
                }

                if (problem is null)
                {
                    Log.Opened(logger, path, StoreSchema.CurrentVersion);
                    return new StoreSession(connection!, encoder, quickChecked: check);
                }

                connection?.Dispose();
                if (attempt > 0)
                {
                    throw new StoreUnavailableException($"Result store {path} is still unusable after a fresh start: {problem}");
                }

                Quarantine(problem);
            }
        }
        catch (Exception e) when (e is SqliteException or IOException or UnauthorizedAccessException)
        {
            throw new StoreUnavailableException($"Result store {path} cannot be opened: {e.Message}", e);
        }
    }

    public void Quarantine(string problem)
    {
        var movedTo = StoreFile.Quarantine(path, time.GetUtcNow());
        Log.Quarantined(logger, path, problem, movedTo);
    }
}
