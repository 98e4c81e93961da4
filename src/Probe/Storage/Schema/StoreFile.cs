using System.Buffers.Binary;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Probe.Storage.Rows;
using Probe.Storage.Store;

namespace Probe.Storage.Schema;

/// <summary>Opens the database file with the store's settings, and recognizes and quarantines a damaged one.</summary>
internal static class StoreFile
{
    /// <summary>
    /// The page size of new files (existing ones keep theirs: WAL mode cannot change it). SQLite's smallest: a commit of a
    /// sentinel pass (six rows of about 50 bytes since schema 3) rewrites a few small pages rather than a few 1 KiB ones.
    /// (Rows of about 250 bytes overflowed 512-byte pages; compact ones do not, and big batches append as fast as with 1 KiB.)
    /// </summary>
    public const int PageSize = 512;

    private static readonly byte[] Magic = "SQLite format 3\0"u8.ToArray();

    /// <summary>SQLITE_CORRUPT and SQLITE_NOTADB: the file is damaged or not a database at all.</summary>
    public static bool IsCorruption(SqliteException e) => e.SqliteErrorCode is 11 or 26;

    /// <summary>A cheap look at the header before SQLite sees the file: garbage and truncation show here.</summary>
    public static string? HeaderProblem(string path)
    {
        var info = new FileInfo(path);
        if (!info.Exists || info.Length == 0)
        {
            return null;
        }

        var header = new byte[100];
        using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
        {
            if (stream.ReadAtLeast(header, header.Length, throwOnEndOfStream: false) < header.Length)
            {
                return "shorter than a database header";
            }
        }

        if (!header.AsSpan(0, Magic.Length).SequenceEqual(Magic))
        {
            return "not an SQLite database";
        }

        // A WAL with frames may legitimately hold pages the main file does not have yet.
        var wal = new FileInfo(path + "-wal");
        if (wal.Exists && wal.Length > 0)
        {
            return null;
        }

        var pageSize = (long)BinaryPrimitives.ReadUInt16BigEndian(header.AsSpan(16));
        pageSize = pageSize == 1 ? 65536 : pageSize;
        var pages = BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(28));
        var countValid = BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(24)) == BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(92));
        if (pageSize < 512 || info.Length % pageSize != 0 || (countValid && info.Length < pages * pageSize))
        {
            return "truncated";
        }

        return null;
    }

    public static SqliteConnection Open(string path)
    {
        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,

            // One connection held for the store's life; no pool may keep a quarantined file open.
            Pooling = false,
            DefaultTimeout = 30,
        };
        var connection = new SqliteConnection(builder.ToString());
        try
        {
            connection.Open();

            // The CLI and the daemon may share the file.
            StoreSchema.Execute(connection, null, "PRAGMA busy_timeout = 10000");

            // The WAL takes whole pages: a commit of a few rows writes a few small pages rather than a few 4 KiB ones.
            // Only a file without pages takes it (and only before anything reads the file); on others it changes nothing.
            // No auto_vacuum (SQLite's default): it wrote a pointer-map page with almost every commit; freed pages are reused.
            StoreSchema.Execute(connection, null, $"PRAGMA page_size = {PageSize}");

            StoreSchema.Execute(connection, null, "PRAGMA journal_mode = WAL");

            // NORMAL in WAL mode: a commit survives a crashed process; only a power cut can lose the last commits. No fsync per row.
            StoreSchema.Execute(connection, null, "PRAGMA synchronous = NORMAL");
            StoreSchema.Execute(connection, null, "PRAGMA journal_size_limit = 4194304");

            // A checkpoint rewrites the hot pages (the tables' last leaves and interior pages, the header) once each: with
            // small pages, checkpoint per 4 MiB of WAL as with SQLite's default 1000 pages of 4 KiB, not per 1 MiB.
            StoreSchema.Execute(connection, null, $"PRAGMA wal_autocheckpoint = {4 * 1024 * 1024 / PageSize}");
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>Whether SQLite's own quick check passes (reads every page once: damage in the middle of the file shows here).</summary>
    public static string? QuickCheckProblem(SqliteConnection connection)
    {
        var result = StoreSchema.Scalar(connection, "PRAGMA quick_check(1)") as string;
        return result == "ok" ? null : result ?? "quick_check gave no answer";
    }

    /// <summary>Moves the file (and its WAL) to <c>&lt;path&gt;.corrupt-&lt;timestamp&gt;</c>: kept for forensics, never deleted.</summary>
    public static string Quarantine(string path, DateTimeOffset now)
    {
        var stamp = now.UtcDateTime.ToString("yyyyMMdd'T'HHmmssfff'Z'", CultureInfo.InvariantCulture);
        var target = $"{path}.corrupt-{stamp}";
        for (var n = 1; File.Exists(target); n++)
        {
            target = $"{path}.corrupt-{stamp}-{n}";
        }

        File.Move(path, target);
        foreach (var suffix in new[] { "-wal", "-shm" })
        {
            if (File.Exists(path + suffix))
            {
                File.Move(path + suffix, target + suffix);
            }
        }

        return target;
    }
}
