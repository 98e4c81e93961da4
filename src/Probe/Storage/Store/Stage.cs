using Microsoft.Data.Sqlite;
using Probe.Clock;
using Probe.Storage.Rows;
using Probe.Storage.Schema;

namespace Probe.Storage.Store;

/// <summary>
/// The daemon's first commit: a small SQLite file on tmpfs (systemd's RuntimeDirectory, /run/probe) where every batch is
/// committed at once, as it arrives, and from where <see cref="SqliteResultStore"/> moves it to the card's store in one
/// transaction every <c>Store.MoveInterval</c> (PROBE.md §5, "What it costs"). A committed batch survives the probe's
/// crash, a SIGKILL and a restart of the unit: the kernel keeps the file, only a power cut or a reboot clears it.
/// </summary>
/// <remarks>
/// Rows keep the clock reading they were taken with (the card's writer applies the clock rules when they move). Every
/// row has a sequence number that is never reused in this file, and the file a random id: the card records, in the
/// same transaction as the moved rows, which file and which number it has taken up to, so that rows a crash left here
/// after their move are never moved twice (<see cref="SqliteResultStore"/>).
/// </remarks>
internal sealed class Stage(string path) : IDisposable
{
    private const string Schema =
        """
        CREATE TABLE IF NOT EXISTS stage_meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL) WITHOUT ROWID;
        INSERT OR IGNORE INTO stage_meta (key, value) VALUES ('id', random());
        INSERT OR IGNORE INTO stage_meta (key, value) VALUES ('dropped', 0);
        CREATE TABLE IF NOT EXISTS staged (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            kind INTEGER NOT NULL,
            measurement TEXT NOT NULL,
            tags TEXT NOT NULL,
            fields BLOB NOT NULL,
            wall_ms INTEGER NOT NULL,
            boot_id TEXT NOT NULL,
            mono_ms INTEGER NOT NULL,
            synced INTEGER NOT NULL);
        """;

    private SqliteConnection? _connection;
    private SqliteCommand? _insert;

    public string Path { get; } = path;

    /// <summary>This file's id (random, fixed when the file is created): a new file after a reboot is a new stage.</summary>
    public long Id { get; private set; }

    /// <summary>Rows staged now (not yet moved); 0 before the file is first used.</summary>
    public long Count => _connection is null ? 0 : (long)Sql.Scalar(Connection(), null, "SELECT count(*) FROM staged")!;

    /// <summary>Commits <paramref name="rows"/> in one transaction.</summary>
    public void Add(IReadOnlyList<NewRow> rows)
    {
        var connection = Connection();
        using var transaction = connection.BeginTransaction();
        var insert = _insert!;
        insert.Transaction = transaction;
        foreach (var row in rows)
        {
            var p = insert.Parameters;
            p[0].Value = (long)row.Kind;
            p[1].Value = row.Measurement;
            p[2].Value = row.TagsJson;
            p[3].Value = row.Fields;
            p[4].Value = row.Clock.Wall.ToUnixTimeMilliseconds();
            p[5].Value = row.Clock.BootId;
            p[6].Value = row.Clock.MonotonicMs;
            p[7].Value = row.Clock.Synced ? 1L : 0L;
            insert.ExecuteNonQuery();
        }

        transaction.Commit();
    }

    /// <summary>Every staged row, in the order it was committed, with its sequence number; and the rows the bound ever dropped here.</summary>
    public (List<(long Seq, NewRow Row)> Rows, long DroppedEver) Read()
    {
        var connection = Connection();
        var rows = new List<(long, NewRow)>();
        using (var command = Sql.Command(connection, null, "SELECT seq, kind, measurement, tags, fields, wall_ms, boot_id, mono_ms, synced FROM staged ORDER BY seq"))
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                var clock = new ClockReading(DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(5)), reader.GetString(6), reader.GetInt64(7), reader.GetInt64(8) != 0);
                rows.Add((reader.GetInt64(0), new NewRow((RowKind)reader.GetInt64(1), reader.GetString(2), reader.GetString(3), reader.GetFieldValue<byte[]>(4), clock)));
            }
        }

        return (rows, (long)Sql.Scalar(connection, null, "SELECT value FROM stage_meta WHERE key = 'dropped'")!);
    }

    /// <summary>Deletes the rows up to <paramref name="seq"/>: the card has them.</summary>
    public void Forget(long seq) => Sql.Execute(Connection(), null, "DELETE FROM staged WHERE seq <= $p0", seq);

    /// <summary>
    /// Keeps at most <paramref name="limit"/> rows while the card cannot take them, dropping check results first, oldest
    /// first, as the card's own size bound does; the drops are counted here and reach the card's dropped_total with the
    /// next move. Returns how many went.
    /// </summary>
    public int Trim(long limit)
    {
        var connection = Connection();
        var excess = Count - limit;
        if (excess <= 0)
        {
            return 0;
        }

        using var transaction = connection.BeginTransaction();
        var dropped = Sql.Execute(connection, transaction, "DELETE FROM staged WHERE seq IN (SELECT seq FROM staged ORDER BY kind, seq LIMIT $p0)", excess);
        Sql.Execute(connection, transaction, "UPDATE stage_meta SET value = value + $p0 WHERE key = 'dropped'", (long)dropped);
        transaction.Commit();
        return dropped;
    }

    public void Dispose()
    {
        _insert?.Dispose();
        _connection?.Dispose();
        _insert = null;
        _connection = null;
    }

    private SqliteConnection Connection()
    {
        if (_connection is not null)
        {
            return _connection;
        }

        var directory = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(Path));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }

        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = false, DefaultTimeout = 30 }.ToString());
        try
        {
            connection.Open();
            StoreSchema.Execute(connection, null, "PRAGMA busy_timeout = 10000");

            // tmpfs is memory: after a backlog (a card that refused writes for hours) the file gives back its freed pages
            // and the WAL shrinks back to 1 MiB at the next checkpoint. auto_vacuum takes effect only on a new file.
            StoreSchema.Execute(connection, null, "PRAGMA auto_vacuum = FULL");
            StoreSchema.Execute(connection, null, "PRAGMA journal_size_limit = 1048576");

            // WAL: a commit is whole or absent after the process dies at any point. No fsync: on tmpfs it would do nothing,
            // and what this file guards against (a crash, a kill) never needed one.
            StoreSchema.Execute(connection, null, "PRAGMA journal_mode = WAL");
            StoreSchema.Execute(connection, null, "PRAGMA synchronous = OFF");
            StoreSchema.Execute(connection, null, Schema);
            Id = (long)Sql.Scalar(connection, null, "SELECT value FROM stage_meta WHERE key = 'id'")!;
            _insert = Sql.Command(
                connection, null,
                "INSERT INTO staged (kind, measurement, tags, fields, wall_ms, boot_id, mono_ms, synced) VALUES ($p0, $p1, $p2, $p3, $p4, $p5, $p6, $p7)",
                0L, "", "", Array.Empty<byte>(), 0L, "", 0L, 0L);
            _connection = connection;
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }
}
