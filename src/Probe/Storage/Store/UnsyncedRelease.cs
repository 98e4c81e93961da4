using Microsoft.Data.Sqlite;
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
    public static void Freeze(SqliteConnection connection, SqliteTransaction transaction, IReadOnlyList<StoredRow> rows)
    {
        foreach (var boot in rows.GroupBy(row => row.Boot))
        {
            var sent = boot.Select(row => row.Id).ToHashSet();
            var through = (long)Sql.Scalar(connection, transaction, "SELECT released_through FROM boots WHERE id = $p0", boot.Key)!;
            using (var command = Sql.Command(connection, transaction, "SELECT id FROM records WHERE boot = $p0 AND clock = 2 AND id > $p1 AND id <= $p2 ORDER BY id", boot.Key, through, sent.Max()))
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
