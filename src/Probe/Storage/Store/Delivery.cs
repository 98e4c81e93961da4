using Microsoft.Data.Sqlite;
using Probe.Storage.Rows;
using Probe.Storage.Schema;

namespace Probe.Storage.Store;

/// <summary>
/// Which rows are delivered: those below the watermark (meta pending_from), and above it those whose status says so.
/// Uploads go in store order, so a delivery usually just moves the watermark (one meta row) instead of rewriting every
/// delivered row and an index of pending rows: that rewrite was most of what the store wrote to the SD card.
/// </summary>
internal static class Delivery
{
    /// <summary>Rows still waiting for the sink, as SQL over <c>records</c>; needs the parameter <c>$from</c>.</summary>
    public const string Pending = "(id >= $from AND " + RowStatusSql.IsPending + ")";

    /// <summary>Delivered rows kept as history, as SQL over <c>records</c>; needs the parameter <c>$from</c>.</summary>
    public const string Delivered = "(status = " + RowStatusSql.Delivered + " OR (" + RowStatusSql.IsPending + " AND id < $from))";

    public static long PendingFrom(SqliteConnection connection, SqliteTransaction? transaction) =>
        StoreMeta.Get(connection, transaction, StoreMeta.PendingFrom) ?? 0;

    /// <summary>Moves pending rows to <paramref name="to"/> and counts them; returns how many were still pending (rows delivered before count nothing).</summary>
    public static int Settle(SqliteConnection connection, SqliteTransaction transaction, IReadOnlyList<long> ids, RowStatus to, string? reason, long nowMs)
    {
        var from = PendingFrom(connection, transaction);
        var batch = ids.Where(id => id >= from).Distinct().Order().ToList();
        var settled = 0;
        var skip = 0;
        if (to == RowStatus.Delivered)
        {
            // The run of pending rows from the watermark up that this batch covers needs no row written.
            (from, skip, settled) = Advance(connection, transaction, from, batch);
        }

        using var update = Sql.Command(connection, transaction, "UPDATE records SET status = $p0 WHERE id = $p1 AND " + RowStatusSql.IsPending, (long)to, 0L);
        using var note = Sql.Command(connection, transaction, "INSERT OR REPLACE INTO set_aside (record_id, reason, at_ms) VALUES ($p0, $p1, $p2)", 0L, reason ?? "", nowMs);
        foreach (var id in batch.Skip(skip))
        {
            update.Parameters[1].Value = id;
            var changed = update.ExecuteNonQuery();
            settled += changed;
            if (changed == 1 && reason is not null)
            {
                note.Parameters[0].Value = id;
                note.ExecuteNonQuery();
            }
        }

        if (to != RowStatus.Delivered)
        {
            // Rows set aside at the watermark let it move too.
            (from, _, _) = Advance(connection, transaction, from, []);
        }

        StoreMeta.Set(connection, transaction, StoreMeta.PendingFrom, from);
        if (to == RowStatus.Delivered)
        {
            StoreMeta.Add(connection, transaction, StoreMeta.DeliveredTotal, settled);
            StoreMeta.Set(connection, transaction, StoreMeta.LastUploadMs, nowMs);
        }
        else
        {
            StoreMeta.Add(connection, transaction, StoreMeta.SetAsideTotal, settled);
        }

        return settled;
    }

    /// <summary>
    /// Walks the pending rows from <paramref name="from"/> up in id order alongside the sorted <paramref name="batch"/>; stops at the first
    /// pending row the batch does not hold. Returns the new watermark, how many of the batch's first ids the walk went past
    /// and how many of those were pending (now delivered by the watermark alone).
    /// </summary>
    private static (long From, int Passed, int Covered) Advance(SqliteConnection connection, SqliteTransaction transaction, long from, List<long> batch)
    {
        using var command = Sql.Command(connection, transaction, "SELECT id FROM records WHERE id >= $p0 AND " + RowStatusSql.IsPending + " ORDER BY id", from);
        using var reader = command.ExecuteReader();
        var i = 0;
        var covered = 0;
        while (reader.Read())
        {
            var pending = reader.GetInt64(0);
            while (i < batch.Count && batch[i] < pending)
            {
                // Not pending (already delivered, set aside or gone): nothing to settle.
                i++;
            }

            if (i == batch.Count || batch[i] != pending)
            {
                return (pending, i, covered);
            }

            i++;
            covered++;
        }

        // No pending row left: every future row gets a higher id (above max(id) and above meta last_id, see RowWriter).
        reader.Close();
        var end = Math.Max(
            StoreSchema.Long(connection, "SELECT coalesce(max(id), 0) + 1 FROM records", transaction),
            (StoreMeta.Get(connection, transaction, StoreMeta.LastId) ?? 0) + 1);
        return (Math.Max(from, end), batch.Count, covered);
    }
}
