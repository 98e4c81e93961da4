using Microsoft.Data.Sqlite;
using Probe.Storage.Rows;
using Probe.Storage.Store;

namespace Probe.Storage.Schema;

/// <summary>The database layout and its migrations, versioned with PRAGMA user_version.</summary>
internal static class StoreSchema
{
    /// <summary>Migrations in order: entry i takes the schema from version i to i + 1.</summary>
    private static readonly Action<SqliteConnection, SqliteTransaction>[] Migrations =
    [
        (connection, transaction) => Execute(connection, transaction, Version1),
        (connection, transaction) => Execute(connection, transaction, Version2),
        SchemaVersion3.Migrate,
    ];

    private const string Version1 =
        """
        CREATE TABLE meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL) WITHOUT ROWID;
        CREATE TABLE series (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            measurement TEXT NOT NULL,
            tags TEXT NOT NULL,
            UNIQUE (measurement, tags));
        CREATE TABLE boots (
            id INTEGER PRIMARY KEY,
            boot_id TEXT NOT NULL UNIQUE,
            offset_ms INTEGER,
            synced_at_ms INTEGER,
            released_rows INTEGER NOT NULL DEFAULT 0,
            released_first_ms INTEGER,
            released_last_ms INTEGER,
            released_base_ms INTEGER);
        CREATE TABLE records (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            kind INTEGER NOT NULL,
            series_id INTEGER NOT NULL,
            ts_ms INTEGER NOT NULL,
            boot INTEGER NOT NULL,
            mono_ms INTEGER NOT NULL,
            clock INTEGER NOT NULL,
            status INTEGER NOT NULL DEFAULT 0,
            fields TEXT NOT NULL);
        CREATE UNIQUE INDEX records_series_ts ON records (series_id, ts_ms);
        CREATE INDEX records_pending ON records (id) WHERE status = 0;
        CREATE INDEX records_pending_first ON records (id) WHERE status = 0 AND kind >= 2;
        CREATE INDEX records_waiting ON records (boot, id) WHERE clock = 2;
        CREATE TABLE set_aside (record_id INTEGER PRIMARY KEY, reason TEXT NOT NULL, at_ms INTEGER NOT NULL);
        """;

    // Fewer pages per commit (bench/RESULTS.md section 4): the (series_id, ts_ms) index took an insert at one place
    // per series, so every small commit wrote several scattered index pages; the same uniqueness keyed by time first
    // appends at the index's end. Delivery becomes a watermark (meta pending_from: every row below it is delivered
    // or set aside), so the partial index of pending rows, touched by every insert and every delivery, goes. Releasing
    // unsynchronized checks becomes a watermark per boot too (boots.released_through), not an UPDATE of each row.
    private const string Version2 =
        """
        INSERT INTO meta (key, value) VALUES ('pending_from',
            coalesce((SELECT min(id) FROM records WHERE status = 0), (SELECT max(id) + 1 FROM records), 0))
            ON CONFLICT (key) DO UPDATE SET value = excluded.value;
        DROP INDEX records_pending;
        DROP INDEX records_series_ts;
        CREATE UNIQUE INDEX records_ts_series ON records (ts_ms, series_id);
        ALTER TABLE boots ADD COLUMN released_through INTEGER NOT NULL DEFAULT 0;
        """;

    public static int CurrentVersion => Migrations.Length;

    /// <summary>The file's schema version (0: a new, empty file).</summary>
    public static int Version(SqliteConnection connection) =>
        Convert.ToInt32(Scalar(connection, "PRAGMA user_version"), System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Brings the schema up to date; returns false when the file was written by a newer probe.</summary>
    public static bool Migrate(SqliteConnection connection)
    {
        var version = Version(connection);
        if (version > CurrentVersion)
        {
            return false;
        }

        var from = version;
        for (; version < CurrentVersion; version++)
        {
            if (version == 2)
            {
                SchemaVersion3.CopyInChunks(connection);
            }

            using var transaction = connection.BeginTransaction();
            if (Long(connection, "PRAGMA user_version", transaction) != version)
            {
                // Another process migrated the file since it was read: go on from where that one left it.
                version = (int)Long(connection, "PRAGMA user_version", transaction) - 1;
                continue;
            }

            Migrations[version](connection, transaction);
            Execute(connection, transaction, $"PRAGMA user_version = {version + 1}");
            transaction.Commit();
        }

        if (from is > 0 and < 3)
        {
            SchemaVersion3.DropAutoVacuum(connection);
        }

        return true;
    }

    public static object? Scalar(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        return command.ExecuteScalar();
    }

    public static long Long(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        return Scalar(connection, sql, transaction) is long value ? value : 0;
    }

    public static void Execute(SqliteConnection connection, SqliteTransaction? transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        command.ExecuteNonQuery();
    }
}
