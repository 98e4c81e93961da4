using Microsoft.Data.Sqlite;
using Probe.Clock;
using Probe.Storage.Rows;
using Probe.Storage.Schema;

namespace Probe.Storage.Store;

/// <summary>
/// Freezes rows handed out unsynchronized, remembering what was sent so that a later sync can publish the correction.
/// A boot's released_through moves over the run of its waiting rows that were all handed out (read back as
/// <see cref="RowClockSql.Effective"/>); only rows beyond a row held back (rare: a state change sent ahead of older
/// checks) are marked one by one.
/// </summary>
internal static class UnsyncedRelease
{
    /// <summary>
    /// The store's release call: a sync seen now re-stamps its boot's waiting rows, then up to <paramref name="max"/> waiting
    /// rows that may wait no longer (another boot's, or older than <paramref name="holdMs"/> on this boot's monotonic
    /// clock) are frozen, oldest first, so that the next read hands them out.
    /// </summary>
    public static int Release(StoreSession session, SqliteTransaction transaction, ClockReading reading, long holdMs, int max)
    {
        session.Writer.ObserveSync(transaction, reading);
        var connection = session.Connection;
        var current = session.Writer.BootRowIdIfKnown(transaction, reading.BootId) ?? -1;
        var cut = reading.MonotonicMs - holdMs;
        var from = Delivery.PendingFrom(connection, transaction);
        var rows = new List<StoredRow>();
        // Only a boot that never synced has waiting rows (a sync re-stamps them all); its rows above released_through are a range of ids.
        var unsynced = new List<(long Boot, long Through)>();
        using (var command = Sql.Command(connection, transaction, "SELECT id, released_through FROM boots WHERE offset_ms IS NULL ORDER BY id"))
        using (var boot = command.ExecuteReader())
        {
            while (boot.Read())
            {
                unsynced.Add((boot.GetInt64(0), boot.GetInt64(1)));
            }
        }

        // In the read's order: state changes first (found through the partial index of pending state changes), then checks.
        foreach (var kinds in (string[])[RowStatusSql.IsPending + " AND " + RowKindSql.SentFirst, RowStatusSql.IsPending + " AND " + RowKindSql.SentAfter])
        {
            foreach (var (boot, through) in unsynced)
            {
                if (rows.Count < max)
                {
                    AddReleasable(connection, transaction, kinds, Math.Max(through, from - 1), boot, boot == current ? cut : long.MaxValue, max - rows.Count, rows);
                }
            }
        }

        if (rows.Count > 0)
        {
            Freeze(connection, transaction, rows);
        }

        return rows.Count;
    }

    private static void AddReleasable(SqliteConnection connection, SqliteTransaction transaction, string kinds, long after, long boot, long monotonicCut, int max, List<StoredRow> rows)
    {
        using var command = Sql.Command(
            connection,
            transaction,
            "SELECT id, ts_ms, mono_ms FROM records WHERE " + kinds + " AND id > $p0 AND boot = $p1 AND clock = " + RowClockSql.Waiting + " AND mono_ms <= $p2 ORDER BY id LIMIT $p3",
            after,
            boot,
            monotonicCut,
            (long)max);
        using var row = command.ExecuteReader();
        while (row.Read())
        {
            rows.Add(new StoredRow(row.GetInt64(0), 0, row.GetInt64(1), boot, row.GetInt64(2), RowClock.Waiting, []));
        }
    }

    public static void Freeze(SqliteConnection connection, SqliteTransaction transaction, IReadOnlyList<StoredRow> rows)
    {
        foreach (var boot in rows.GroupBy(row => row.Boot))
        {
            var sent = boot.Select(row => row.Id).ToHashSet();
            var through = (long)Sql.Scalar(connection, transaction, "SELECT released_through FROM boots WHERE id = $p0", boot.Key)!;
            using (var command = Sql.Command(connection, transaction, "SELECT id FROM records WHERE boot = $p0 AND clock = " + RowClockSql.Waiting + " AND id > $p1 AND id <= $p2 ORDER BY id", boot.Key, through, sent.Max()))
            using (var row = command.ExecuteReader())
            {
                while (row.Read() && sent.Contains(row.GetInt64(0)))
                {
                    through = row.GetInt64(0);
                }
            }

            foreach (var id in sent.Where(id => id > through))
            {
                Sql.Execute(connection, transaction, "UPDATE records SET clock = $p0 WHERE id = $p1", (long)RowClock.Released, id);
            }

            // The base is the last released row's, as if released one by one.
            Sql.Execute(
                connection,
                transaction,
                """
                UPDATE boots SET released_through = $p0, released_rows = released_rows + $p1,
                  released_first_ms = min(coalesce(released_first_ms, $p2), $p2),
                  released_last_ms = max(coalesce(released_last_ms, $p3), $p3),
                  released_base_ms = $p4
                WHERE id = $p5
                """,
                through,
                (long)sent.Count,
                boot.Min(row => row.TimestampMs),
                boot.Max(row => row.TimestampMs),
                boot.Last().TimestampMs - boot.Last().MonotonicMs,
                boot.Key);
        }
    }
}
