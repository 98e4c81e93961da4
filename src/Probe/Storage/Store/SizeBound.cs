using Microsoft.Data.Sqlite;
using Probe.Storage.Rows;
using Probe.Storage.Schema;

namespace Probe.Storage.Store;

/// <summary>Keeps the database under Store.MaxBytes: delivered history goes first, then undelivered rows in the order of <see cref="RowKind"/>, oldest first.</summary>
internal static class SizeBound
{
    /// <summary>Tiers in deletion order; undelivered tiers are counted in dropped_total.</summary>
    private static readonly (string Where, bool Undelivered)[] Tiers =
    [
        (Delivery.Delivered, false),
        ("status = " + RowStatusSql.SetAside, false),
        (Delivery.Pending + " AND kind = " + RowKindSql.Check, true),
        (Delivery.Pending + " AND kind = " + RowKindSql.Health, true),
        (Delivery.Pending + " AND kind = " + RowKindSql.Clock, true),
        (Delivery.Pending + " AND kind = " + RowKindSql.Verdict, true),
    ];

    /// <summary>Bytes in use: pages minus free pages, so that the figure falls as rows go even where the file cannot shrink.</summary>
    public static long UsedBytes(SqliteConnection connection, SqliteTransaction? transaction)
    {
        var pages = StoreSchema.Long(connection, "PRAGMA page_count", transaction);
        var free = StoreSchema.Long(connection, "PRAGMA freelist_count", transaction);
        return (pages - free) * StoreSchema.Long(connection, "PRAGMA page_size", transaction);
    }

    /// <summary>Deletes down to 90 % of the bound when it is exceeded; returns rows deleted and, of those, undelivered ones.</summary>
    public static (long Deleted, long Dropped) Enforce(SqliteConnection connection, long maxBytes)
    {
        var size = UsedBytes(connection, null);
        if (size <= maxBytes)
        {
            return (0, 0);
        }

        // Down to 90 %, so that the next appends do not each pay for a deletion.
        var target = maxBytes - (maxBytes / 10);
        long deletedTotal = 0, droppedTotal = 0;
        for (var round = 0; round < 100 && size > target; round++)
        {
            var rows = Math.Max(1, StoreSchema.Long(connection, "SELECT max(id) - min(id) + 1 FROM records"));
            var want = Math.Max(64, (size - target) / Math.Max(1, size / rows));
            long deleted = 0, dropped = 0;
            using (var transaction = connection.BeginTransaction())
            {
                var from = Delivery.PendingFrom(connection, transaction);
                var top = StoreSchema.Long(connection, "SELECT coalesce(max(id), 0) FROM records", transaction);
                foreach (var (where, undelivered) in Tiers)
                {
                    if (deleted >= want)
                    {
                        break;
                    }

                    var n = Delete(connection, transaction, where, from, want - deleted);
                    deleted += n;
                    dropped += undelivered ? n : 0;
                }

                // Ids must keep growing past rows deleted at the top (or all of them): the watermarks compare ids.
                if (deleted > 0 && top > (StoreMeta.Get(connection, transaction, StoreMeta.LastId) ?? 0))
                {
                    StoreMeta.Set(connection, transaction, StoreMeta.LastId, top);
                }

                StoreSchema.Execute(connection, transaction, "DELETE FROM set_aside WHERE record_id NOT IN (SELECT id FROM records)");
                PruneSeries(connection, transaction);
                StoreMeta.Add(connection, transaction, StoreMeta.DroppedTotal, dropped);
                transaction.Commit();
            }

            deletedTotal += deleted;
            droppedTotal += dropped;
            if (deleted == 0)
            {
                break;
            }

            ReleaseFreePages(connection);
            size = UsedBytes(connection, null);
        }

        StoreSchema.Execute(connection, null, "PRAGMA wal_checkpoint(PASSIVE)");
        return (deletedTotal, droppedTotal);
    }

    private static long Delete(SqliteConnection connection, SqliteTransaction transaction, string where, long from, long max)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"DELETE FROM records WHERE id IN (SELECT id FROM records WHERE {where} ORDER BY id LIMIT $max)";
        command.Parameters.AddWithValue("$from", from);
        command.Parameters.AddWithValue("$max", max);
        return command.ExecuteNonQuery();
    }

    /// <summary>Series with no row left go too: a series per distinct tag set (e.g. unknown_failure texts) must not grow without bound.</summary>
    private static void PruneSeries(SqliteConnection connection, SqliteTransaction transaction)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        // One pass over the rows (no index leads with series_id any more): not one scan per series that emptied.
        command.CommandText = "DELETE FROM series WHERE id NOT IN (SELECT series_id FROM records)";
        if (command.ExecuteNonQuery() > 0)
        {
            StoreMeta.Add(connection, transaction, StoreMeta.SeriesGeneration, 1);
        }
    }

    private static void ReleaseFreePages(SqliteConnection connection)
    {
        // Only files of schema 1 or 2 whose VACUUM to schema 3 failed still have auto_vacuum; elsewhere freed pages stay in
        // the file, are reused by the next rows, and UsedBytes leaves them out. incremental_vacuum frees one page per step.
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA incremental_vacuum";
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
        }
    }
}
