using Microsoft.Data.Sqlite;
using Probe.Clock;
using Probe.Storage.Rows;
using Probe.Storage.Schema;

namespace Probe.Storage.Store;

/// <summary>
/// Writes rows inside a caller's transaction with statements prepared once per connection, keeps timestamps unique
/// per series, and applies the clock rules (re-stamping a boot's waiting rows once its clock syncs).
/// </summary>
internal sealed class RowWriter : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly RowEncoder _encoder;
    private readonly Dictionary<(string Measurement, string Tags), long> _seriesIds = [];
    private readonly Dictionary<string, long> _bootIds = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _bootOffsets = new(StringComparer.Ordinal);
    private readonly SqliteCommand _insert;
    private readonly SqliteCommand _occupied;
    private readonly SqliteCommand _moveRow;
    private SqliteTransaction? _transaction;
    private long _seriesGeneration;

    // The id the next insert must take because the size bound deleted the rows at the top (meta last_id); null: SQLite's max + 1 is right.
    private long? _nextId;

    public RowWriter(SqliteConnection connection, RowEncoder encoder)
    {
        _connection = connection;
        _encoder = encoder;
        _insert = Command(
            "INSERT OR IGNORE INTO records (id, kind, series_id, ts_ms, boot, mono_ms, clock, fields) VALUES ($id, $kind, $series, $ts, $boot, $mono, $clock, $fields)",
            "$id",
            "$kind", "$series", "$ts", "$boot", "$mono", "$clock", "$fields");

        // One lookup in the unique (ts_ms, series_id) index.
        _occupied = Command("SELECT 1 FROM records WHERE ts_ms = $ts AND series_id = $series", "$ts", "$series");
        _moveRow = Command("UPDATE OR IGNORE records SET ts_ms = $ts, clock = $clock WHERE id = $id", "$ts", "$clock", "$id");
    }

    /// <summary>Stores a batch; the caller commits (one transaction per batch).</summary>
    public void Write(SqliteTransaction transaction, IReadOnlyList<NewRow> rows)
    {
        Begin(transaction);

        // Syncs first, so that unsynchronized rows of a boot that synced within this batch are stored corrected.
        foreach (var row in rows)
        {
            if (row.Clock.Synced)
            {
                ObserveSync(transaction, row.Clock);
            }
        }

        var unknownOffsets = new HashSet<string>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            var reading = row.Clock;
            var boot = BootRowId(reading.BootId);
            var (ts, clock) = reading.Synced ? (reading.Wall.ToUnixTimeMilliseconds(), RowClock.Synced)
                : KnownOffset(reading.BootId, unknownOffsets) is { } offset ? (reading.MonotonicMs + offset, RowClock.Corrected)
                : (reading.Wall.ToUnixTimeMilliseconds(), RowClock.Waiting);
            Insert(row.Kind, SeriesId(row.Measurement, row.TagsJson), ts, boot, reading.MonotonicMs, clock, row.Fields);
        }
    }

    /// <summary>Once per boot, the first synchronized reading fixes the boot's offset and re-stamps its waiting rows.</summary>
    public void ObserveSync(SqliteTransaction transaction, ClockReading reading)
    {
        Begin(transaction);
        if (!reading.Synced || _bootOffsets.ContainsKey(reading.BootId))
        {
            return;
        }

        var boot = BootRowId(reading.BootId);
        var wallMs = reading.Wall.ToUnixTimeMilliseconds();
        var offset = wallMs - reading.MonotonicMs;
        var claimed = Execute("UPDATE boots SET offset_ms = $p0, synced_at_ms = $p1 WHERE id = $p2 AND offset_ms IS NULL", offset, wallMs, boot) == 1;
        if (!claimed)
        {
            // Another process (the CLI or the daemon) saw the sync first: use its offset.
            offset = (long)Scalar("SELECT offset_ms FROM boots WHERE id = $p0", boot)!;
        }

        _bootOffsets[reading.BootId] = offset;
        Restamp(boot, offset);
        if (claimed)
        {
            StoreCorrectionOfReleasedRows(boot, reading, offset);
        }
    }

    public long? BootRowIdIfKnown(SqliteTransaction transaction, string bootId)
    {
        Begin(transaction);
        return _bootIds.TryGetValue(bootId, out var id) ? id : Scalar("SELECT id FROM boots WHERE boot_id = $p0", bootId) as long?;
    }

    /// <summary>After a rollback the caches may name rows that no longer exist.</summary>
    public void ForgetCaches()
    {
        _seriesIds.Clear();
        _bootIds.Clear();
        _bootOffsets.Clear();
    }

    public void Dispose()
    {
        _insert.Dispose();
        _occupied.Dispose();
        _moveRow.Dispose();
    }

    private void StoreCorrectionOfReleasedRows(long boot, ClockReading reading, long offset)
    {
        using var command = CommandFor("SELECT released_rows, released_first_ms, released_last_ms, released_base_ms FROM boots WHERE id = $p0", boot);
        using var row = command.ExecuteReader();
        if (!row.Read() || row.GetInt64(0) == 0)
        {
            return;
        }

        // Sent timestamps were wall = base + mono with the stale base; the true one is offset + mono.
        var (tags, fields) = _encoder.EncodeClockCorrection(reading.BootId, offset - row.GetInt64(3), row.GetInt64(1), row.GetInt64(2));
        Insert(RowKind.Clock, SeriesId(Measurements.Clock, tags), reading.Wall.ToUnixTimeMilliseconds(), boot, reading.MonotonicMs, RowClock.Synced, fields);
    }

    private void Restamp(long boot, long offset)
    {
        var waiting = new List<(long Id, long Series, long Mono)>();
        // Rows at or below released_through were sent unsynchronized: their timestamps never change.
        var through = (long)Scalar("SELECT released_through FROM boots WHERE id = $p0", boot)!;
        // A range of ids (released_through starts at the boot's first row), not an index of waiting rows.
        using (var command = CommandFor("SELECT id, series_id, mono_ms FROM records WHERE id > $p1 AND boot = $p0 AND clock = " + RowClockSql.Waiting + " ORDER BY id", boot, through))
        using (var row = command.ExecuteReader())
        {
            while (row.Read())
            {
                waiting.Add((row.GetInt64(0), row.GetInt64(1), row.GetInt64(2)));
            }
        }

        foreach (var (id, series, mono) in waiting)
        {
            var ts = mono + offset;
            _moveRow.Parameters[0].Value = ts;
            _moveRow.Parameters[1].Value = (long)RowClock.Corrected;
            _moveRow.Parameters[2].Value = id;
            if (_moveRow.ExecuteNonQuery() == 0)
            {
                _moveRow.Parameters[0].Value = NextFree(series, ts);
                _moveRow.ExecuteNonQuery();
            }
        }
    }

    private void Insert(RowKind kind, long series, long ts, long boot, long mono, RowClock clock, byte[] fields)
    {
        var p = _insert.Parameters;
        p[0].Value = _nextId is { } id ? id : DBNull.Value;
        p[1].Value = (long)kind;
        p[2].Value = series;
        p[3].Value = ts;
        p[4].Value = boot;
        p[5].Value = mono;
        p[6].Value = (long)clock;
        p[7].Value = fields;
        if (_insert.ExecuteNonQuery() == 0)
        {
            // Two results of one series in one millisecond: the later moves by the fewest ms that make it unique.
            p[3].Value = NextFree(series, ts);
            _insert.ExecuteNonQuery();
        }

        // The rows after it follow from SQLite's max(id) + 1.
        _nextId = null;
    }

    /// <summary>The nearest free millisecond of the series at or after <paramref name="ts"/>; runs of occupied ones are short.</summary>
    private long NextFree(long series, long ts)
    {
        _occupied.Parameters[1].Value = series;
        for (var free = ts; ; free++)
        {
            _occupied.Parameters[0].Value = free;
            if (_occupied.ExecuteScalar() is null)
            {
                return free;
            }
        }
    }

    private long SeriesId(string measurement, string tags)
    {
        if (_seriesIds.TryGetValue((measurement, tags), out var id))
        {
            return id;
        }

        Execute("INSERT OR IGNORE INTO series (measurement, tags) VALUES ($p0, $p1)", measurement, tags);
        id = (long)Scalar("SELECT id FROM series WHERE measurement = $p0 AND tags = $p1", measurement, tags)!;
        _seriesIds[(measurement, tags)] = id;
        return id;
    }

    private long BootRowId(string bootId)
    {
        if (_bootIds.TryGetValue(bootId, out var id))
        {
            return id;
        }

        // A new boot's rows all come after every row there is: its released_through starts there, so that its waiting rows
        // are found by id range from it (no index of waiting rows).
        Execute("INSERT OR IGNORE INTO boots (boot_id, released_through) VALUES ($p0, (SELECT coalesce(max(id), 0) FROM records))", bootId);
        id = (long)Scalar("SELECT id FROM boots WHERE boot_id = $p0", bootId)!;
        _bootIds[bootId] = id;
        return id;
    }

    private long? KnownOffset(string bootId, HashSet<string> unknownThisBatch)
    {
        if (_bootOffsets.TryGetValue(bootId, out var offset))
        {
            return offset;
        }

        if (unknownThisBatch.Contains(bootId))
        {
            return null;
        }

        // Not cached as unknown: another process may have seen the sync since.
        if (Scalar("SELECT offset_ms FROM boots WHERE boot_id = $p0", bootId) is long known)
        {
            _bootOffsets[bootId] = known;
            return known;
        }

        unknownThisBatch.Add(bootId);
        return null;
    }

    private void Begin(SqliteTransaction transaction)
    {
        if (!ReferenceEquals(_transaction, transaction))
        {
            // Another process (or the size bound) may have deleted unused series since the last transaction.
            var generation = StoreMeta.Get(_connection, transaction, StoreMeta.SeriesGeneration) ?? 0;
            if (generation != _seriesGeneration)
            {
                _seriesIds.Clear();
                _seriesGeneration = generation;
            }

            var lastId = StoreMeta.Get(_connection, transaction, StoreMeta.LastId);
            _nextId = lastId is { } last && last >= (Sql.Scalar(_connection, transaction, "SELECT coalesce(max(id), 0) FROM records") as long? ?? 0) ? last + 1 : null;

            _transaction = transaction;
            _insert.Transaction = transaction;
            _occupied.Transaction = transaction;
            _moveRow.Transaction = transaction;
        }
    }

    private SqliteCommand Command(string sql, params string[] names)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        foreach (var name in names)
        {
            command.Parameters.Add(new SqliteParameter { ParameterName = name });
        }

        return command;
    }

    private SqliteCommand CommandFor(string sql, params object[] values) => Sql.Command(_connection, _transaction, sql, values);

    private int Execute(string sql, params object[] values) => Sql.Execute(_connection, _transaction, sql, values);

    private object? Scalar(string sql, params object[] values) => Sql.Scalar(_connection, _transaction, sql, values);
}
