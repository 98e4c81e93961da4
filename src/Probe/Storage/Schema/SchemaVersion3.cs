using System.Text.Json;
using Microsoft.Data.Sqlite;
using Probe.Storage.Rows;
using Probe.Storage.Store;

namespace Probe.Storage.Schema;

/// <summary>
/// Schema 3: fewer bytes per row and fewer pages per commit (bench/RESULTS.md section 7). Fields are stored
/// compact (<see cref="FieldFormat"/>) instead of as JSON; records loses AUTOINCREMENT (every insert rewrote the
/// sqlite_sequence page; meta last_id keeps ids growing instead) and new files have no auto_vacuum (every page allocation
/// wrote a pointer-map page; freed pages are reused, and the size bound counts pages in use, not the file's length).
/// The partial index records_waiting goes too: while the clock is unsynchronized (a shutdown without NTP) every row
/// entered it, two more pages a commit; a boot's waiting rows are found by id range instead (boots.released_through
/// starts at the highest id when the boot is first seen, so the range starts at the boot's first row).
/// </summary>
internal static class SchemaVersion3
{
    private const string Table =
        """
        CREATE TABLE IF NOT EXISTS records_v3 (
            id INTEGER PRIMARY KEY,
            kind INTEGER NOT NULL,
            series_id INTEGER NOT NULL,
            ts_ms INTEGER NOT NULL,
            boot INTEGER NOT NULL,
            mono_ms INTEGER NOT NULL,
            clock INTEGER NOT NULL,
            status INTEGER NOT NULL DEFAULT 0,
            fields BLOB NOT NULL);
        """;

    private const string Swap =
        """
        DROP TABLE records;
        ALTER TABLE records_v3 RENAME TO records;
        CREATE UNIQUE INDEX records_ts_series ON records (ts_ms, series_id);
        CREATE INDEX records_pending_first ON records (id) WHERE status = 0 AND kind >= 2;
        """;

    /// <summary>
    /// Copies the rows not copied yet into records_v3, a chunk per transaction: a migration cut short (the watchdog, a
    /// power cut) resumes where it stopped instead of starting over. The file stays at version 2 until <see cref="Migrate"/>.
    /// </summary>
    public static void CopyInChunks(SqliteConnection connection, int chunk = 50_000)
    {
        for (var copied = chunk; copied == chunk;)
        {
            using var transaction = connection.BeginTransaction();
            if (StoreSchema.Long(connection, "PRAGMA user_version", transaction) != 2)
            {
                // Another process (the CLI beside the daemon) finished the migration meanwhile.
                return;
            }

            StoreSchema.Execute(connection, transaction, Table);
            copied = CopyRows(connection, transaction, chunk);
            transaction.Commit();
        }
    }

    /// <summary>Copies what is left (nothing after <see cref="CopyInChunks"/>) and puts records_v3 in the place of records; ids, timestamps and statuses stay.</summary>
    public static void Migrate(SqliteConnection connection, SqliteTransaction transaction)
    {
        StoreSchema.Execute(connection, transaction, Table);
        CopyRows(connection, transaction, int.MaxValue);
        var lastId = Sql.Scalar(connection, transaction, "SELECT seq FROM sqlite_sequence WHERE name = 'records'") as long? ?? 0;
        StoreSchema.Execute(connection, transaction, Swap);
        StoreSchema.Execute(connection, transaction, "DELETE FROM sqlite_sequence WHERE name = 'records'");
        if (lastId > 0)
        {
            StoreMeta.Set(connection, transaction, StoreMeta.LastId, lastId);
        }
    }

    private static int CopyRows(SqliteConnection connection, SqliteTransaction transaction, int max)
    {
        var pendingFrom = Delivery.PendingFrom(connection, transaction);
        var copied = 0;
        using var insert = Sql.Command(
            connection,
            transaction,
            "INSERT INTO records_v3 VALUES ($p0, $p1, $p2, $p3, $p4, $p5, $p6, $p7, $p8)",
            0L,
            0L,
            0L,
            0L,
            0L,
            0L,
            0L,
            0L,
            Array.Empty<byte>());
        using var select = Sql.Command(
            connection,
            transaction,
            "SELECT id, kind, series_id, ts_ms, boot, mono_ms, clock, status, fields FROM records WHERE id > (SELECT coalesce(max(id), 0) FROM records_v3) ORDER BY id LIMIT $p0",
            (long)max);
        using var row = select.ExecuteReader();
        while (row.Read())
        {
            for (var i = 0; i < 8; i++)
            {
                insert.Parameters[i].Value = row.GetInt64(i);
            }

            var text = row.GetString(8);
            try
            {
                insert.Parameters[8].Value = FromJson(text);
            }
            catch (JsonException)
            {
                // A pending row whose JSON no longer parses cannot be sent as it was: set aside and counted, its text kept in the reason.
                insert.Parameters[8].Value = Array.Empty<byte>();
                var id = row.GetInt64(0);
                if (row.GetInt64(7) == (long)RowStatus.Pending && id >= pendingFrom)
                {
                    insert.Parameters[7].Value = (long)RowStatus.SetAside;
                    Sql.Execute(connection, transaction, "INSERT OR REPLACE INTO set_aside (record_id, reason, at_ms) VALUES ($p0, $p1, 0)", id, "fields unreadable at migration to schema 3: " + text);
                    StoreMeta.Add(connection, transaction, StoreMeta.SetAsideTotal, 1);
                }
            }

            insert.ExecuteNonQuery();
            copied++;
        }

        return copied;
    }

    /// <summary>
    /// Turns auto_vacuum off on a file that had it (only VACUUM can: it rewrites the file once). Left as it is when that
    /// fails (e.g. the disk is too full for the copy): such a file works the same, it only keeps writing pointer-map pages.
    /// </summary>
    public static void DropAutoVacuum(SqliteConnection connection)
    {
        if (StoreSchema.Long(connection, "PRAGMA auto_vacuum") == 0)
        {
            return;
        }

        try
        {
            StoreSchema.Execute(connection, null, "PRAGMA auto_vacuum = NONE");
            StoreSchema.Execute(connection, null, "VACUUM");
        }
        catch (SqliteException e) when (e.SqliteErrorCode is 13 or 5)
        {
            // SQLITE_FULL or SQLITE_BUSY (another process reads the file): try nothing more; the next migration never comes.
        }
    }

    /// <summary>A schema 1 or 2 row's fields JSON, typed as that schema's reader typed it (integer fields by name), timers rounded to the microsecond.</summary>
    public static byte[] FromJson(string json)
    {
        using var document = JsonDocument.Parse(json);
        var fields = new FieldsBuilder();
        foreach (var property in document.RootElement.EnumerateObject())
        {
            var name = property.Name;
            var value = property.Value;
            _ = value.ValueKind switch
            {
                JsonValueKind.True or JsonValueKind.False => fields.Bool(name, value.GetBoolean()),
                JsonValueKind.Number when Measurements.IsIntegerField(name) && value.TryGetInt64(out var integer) => fields.Integer(name, integer),
                JsonValueKind.Number when Measurements.IsTimerField(name) => fields.Timer(name, value.GetDouble()),
                JsonValueKind.Number => fields.Number(name, value.GetDouble()),
                JsonValueKind.String => fields.Text(name, value.GetString()!),
                JsonValueKind.Null => fields.Text(name, ""),
                _ => fields.Text(name, value.GetRawText()),
            };
        }

        return fields.Build();
    }
}
