using Microsoft.Data.Sqlite;
using Probe.Storage.Rows;
using Probe.Storage.Schema;

namespace Probe.Storage.Store;

/// <summary>Reads rows back as points (pending, export pages) and the figures of the status.</summary>
internal sealed class RowReader(SqliteConnection connection)
{
    private const string Columns = "SELECT id, series_id, ts_ms, boot, mono_ms, " + RowClockSql.Effective + ", fields FROM records ";

    // Per series id: its tag sets by clock tag value (synced, corrected, unsynced), made once and shared by its rows.
    // The highest check id the last ReadyToSend handed out (0: none or unknown).
    private long _checksHandedOutThrough;

    private readonly Dictionary<long, (string Measurement, IReadOnlyList<KeyValuePair<string, string>> Tags, SeriesTags?[] ByClock)> _series = [];

    private const string Ready = "AND NOT " + RowClockSql.IsWaiting + " ORDER BY id LIMIT $max";

    /// <summary>The send order's first read: state changes and clock corrections, over the partial index records_pending_first.</summary>
    internal const string SentFirstSql = Columns + "WHERE " + Delivery.Pending + " AND " + RowKindSql.SentFirst + " " + Ready;

    /// <summary>Its second read: checks and health samples above <c>$after</c>.</summary>
    internal const string SentAfterSql = Columns + "WHERE " + Delivery.Pending + " AND " + RowKindSql.SentAfter + " AND id > $after " + Ready;

    /// <summary>
    /// Pending rows that may be sent now: state changes (and clock corrections) first, then the rest, oldest first; rows
    /// still waiting for their boot's clock (not released by <see cref="UnsyncedRelease"/>) are held. Only reads.
    /// </summary>
    /// <remarks>Rows in <paramref name="skip"/> are stepped over (and not counted in <paramref name="max"/>).</remarks>
    public List<StoredRow> ReadyToSend(SqliteTransaction transaction, int max, IReadOnlySet<long> skip)
    {
        var from = Delivery.PendingFrom(connection, transaction);
        var rows = Query(transaction, SentFirstSql, from, max, skip);
        if (rows.Count < max)
        {
            // Checks are handed out in id order, so while some are in flight the next read starts above the last one
            // handed out instead of stepping over those in flight (a drain read every row twice). A check below that
            // was not ready then (its boot's clock awaited) goes in the next upload cycle, which starts with nothing in
            // flight, from the watermark. Without a cursor (a new session) the rows in flight are stepped over.
            var cursor = skip.Count > 0 ? _checksHandedOutThrough : 0;
            var checks = Query(
                transaction, SentAfterSql, from, max - rows.Count, cursor > 0 ? null : skip, cursor);
            if (checks.Count > 0)
            {
                _checksHandedOutThrough = checks[^1].Id;
            }
            else if (skip.Count == 0)
            {
                _checksHandedOutThrough = 0;
            }

            rows.AddRange(checks);
        }

        return rows;
    }

    /// <summary>One page of rows after <paramref name="afterId"/>, for export.</summary>
    public List<StoredRow> Page(SqliteTransaction transaction, long afterId, long sinceMs, bool pendingOnly, int size)
    {
        var where = pendingOnly ? "WHERE " + Delivery.Pending + " AND " : "WHERE ";
        return Query(transaction, Columns + where + "id > $after AND ts_ms >= $since ORDER BY id LIMIT $max", Delivery.PendingFrom(connection, transaction), size, after: afterId, since: sinceMs);
    }

    public PendingPoint ToPoint(SqliteTransaction? transaction, StoredRow row)
    {
        if (!_series.TryGetValue(row.SeriesId, out var series))
        {
            // Series ids are never reused (series keeps AUTOINCREMENT), so entries stay true; the bound only keeps memory flat.
            if (_series.Count > 10_000)
            {
                _series.Clear();
            }

            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = "SELECT measurement, tags FROM series WHERE id = $id";
            command.Parameters.AddWithValue("$id", row.SeriesId);
            using var reader = command.ExecuteReader();
            reader.Read();
            series = (reader.GetString(0), RowDecoder.DecodeTags(reader.GetString(1)), new SeriesTags?[3]);
            _series[row.SeriesId] = series;
        }

        var slot = row.Clock switch { RowClock.Synced => 0, RowClock.Corrected => 1, _ => 2 };
        var tags = series.ByClock[slot] ??= RowDecoder.TagsOf(series.Measurement, series.Tags, row.Clock);
        return new PendingPoint(row.Id, RowDecoder.Decode(tags, row.Fields, row.TimestampMs));
    }

    public StoreStatus Status(SqliteTransaction transaction, long backlogRows, long backlogDropped)
    {
        long Count(string sql) => StoreSchema.Long(connection, sql, transaction);
        DateTimeOffset? Time(long? ms) => ms is { } value ? DateTimeOffset.FromUnixTimeMilliseconds(value) : null;

        string? lastVerdict = null;
        DateTimeOffset? lastVerdictAt = null;
        using (var command = connection.CreateCommand())
        {
            command.Transaction = transaction;
            command.CommandText = "SELECT fields, ts_ms FROM records WHERE kind = " + RowKindSql.Verdict + " ORDER BY id DESC LIMIT 1";
            using var reader = command.ExecuteReader();
            if (reader.Read())
            {
                lastVerdict = RowDecoder.DecodeFields(reader.GetFieldValue<byte[]>(0)).LastOrDefault(f => f.Key == "state").Value as string;
                lastVerdictAt = Time(reader.GetInt64(1));
            }
        }

        var from = Delivery.PendingFrom(connection, transaction);
        var oldest = Sql.Scalar(connection, transaction, "SELECT ts_ms FROM records WHERE id >= $p0 AND " + RowStatusSql.IsPending + " ORDER BY id LIMIT 1", from) as long?;
        return new StoreStatus(
            Rows: Count("SELECT count(*) FROM records") + backlogRows,
            Bytes: SizeBound.UsedBytes(connection, transaction),
            PendingRows: (long)Sql.Scalar(connection, transaction, "SELECT count(*) FROM records WHERE id >= $p0 AND " + RowStatusSql.IsPending, from)! + backlogRows,
            OldestPending: Time(oldest),
            DroppedTotal: (StoreMeta.Get(connection, transaction, StoreMeta.DroppedTotal) ?? 0) + backlogDropped,
            SetAsideTotal: StoreMeta.Get(connection, transaction, StoreMeta.SetAsideTotal) ?? 0,
            LastVerdict: lastVerdict,
            LastVerdictAt: lastVerdictAt,
            LastUploadAt: Time(StoreMeta.Get(connection, transaction, StoreMeta.LastUploadMs)),
            DeliveredTotal: StoreMeta.Get(connection, transaction, StoreMeta.DeliveredTotal) ?? 0);
    }

    private List<StoredRow> Query(SqliteTransaction transaction, string sql, long from, int max, IReadOnlySet<long>? skip = null, long after = 0, long since = 0)
    {
        // Skipped rows may be anywhere in the order, so the query may have to step over all of them.
        var limit = skip is null ? max : max + skip.Count;
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.Parameters.AddWithValue("$from", from);
        command.Parameters.AddWithValue("$max", limit);
        command.Parameters.AddWithValue("$after", after);
        command.Parameters.AddWithValue("$since", since);
        using var reader = command.ExecuteReader();
        var rows = new List<StoredRow>(Math.Min(max, 1 << 14));
        while (rows.Count < max && reader.Read())
        {
            if (skip is not null && skip.Contains(reader.GetInt64(0)))
            {
                continue;
            }

            rows.Add(new StoredRow(
                reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4), (RowClock)reader.GetInt64(5), reader.GetFieldValue<byte[]>(6)));
        }

        return rows;
    }
}
