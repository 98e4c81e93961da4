using Microsoft.Data.Sqlite;
using Probe.Storage.Rows;
using Probe.Storage.Store;

namespace Probe.Storage.Schema;

/// <summary>Persisted counters (dropped, set aside, delivered) and marks (last upload), updated in the same transaction as the rows they count.</summary>
internal static class StoreMeta
{
    public const string DroppedTotal = "dropped_total";
    public const string SetAsideTotal = "set_aside_total";
    public const string DeliveredTotal = "delivered_total";
    public const string LastUploadMs = "last_upload_ms";

    /// <summary>The delivery watermark: every row with a lower id is delivered or set aside, whatever its status column says.</summary>
    public const string PendingFrom = "pending_from";

    /// <summary>
    /// The highest row id ever given out, once the size bound deleted rows at the top: new rows get ids above it, so
    /// the watermarks (pending_from, boots.released_through) never cover a new row. (records has no AUTOINCREMENT since schema 3.)
    /// </summary>
    public const string LastId = "last_id";

    /// <summary>Bumped whenever unused series are deleted, so that every process drops its cached series ids.</summary>
    public const string SeriesGeneration = "series_generation";

    /// <summary>The stage file whose rows the card has taken (its random id), up to which sequence number, and how many of its drops are counted.</summary>
    public const string StageId = "stage_id";
    public const string StageMovedThrough = "stage_moved_through";
    public const string StageDroppedCounted = "stage_dropped_counted";

    public static void Add(SqliteConnection connection, SqliteTransaction transaction, string key, long amount)
    {
        if (amount != 0)
        {
            Run(connection, transaction, "INSERT INTO meta (key, value) VALUES ($k, $v) ON CONFLICT (key) DO UPDATE SET value = value + excluded.value", key, amount);
        }
    }

    public static void Set(SqliteConnection connection, SqliteTransaction transaction, string key, long value)
    {
        Run(connection, transaction, "INSERT INTO meta (key, value) VALUES ($k, $v) ON CONFLICT (key) DO UPDATE SET value = excluded.value", key, value);
    }

    public static long? Get(SqliteConnection connection, SqliteTransaction? transaction, string key)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT value FROM meta WHERE key = $k";
        command.Parameters.AddWithValue("$k", key);
        return command.ExecuteScalar() as long?;
    }

    private static void Run(SqliteConnection connection, SqliteTransaction transaction, string sql, string key, long value)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.Parameters.AddWithValue("$k", key);
        command.Parameters.AddWithValue("$v", value);
        command.ExecuteNonQuery();
    }
}
