using Microsoft.Data.Sqlite;

namespace Probe.Storage;

/// <summary>An open database file with the writer and reader bound to its connection; replaced as a whole when the file is quarantined.</summary>
internal sealed class StoreSession(SqliteConnection connection, PointEncoder encoder) : IDisposable
{
    public SqliteConnection Connection { get; } = connection;

    public RecordWriter Writer { get; } = new(connection, encoder);

    public RecordReader Reader { get; } = new(connection);

    /// <summary>Whether SQLite's quick check passed on this file since it was opened; a writer checks first.</summary>
    public bool Checked { get; set; }

    /// <summary>Runs <paramref name="body"/> in one immediate transaction and commits; on failure rolls back and forgets cached ids.</summary>
    public T InTransaction<T>(Func<SqliteTransaction, T> body)
    {
        using var transaction = Connection.BeginTransaction();
        try
        {
            var result = body(transaction);
            transaction.Commit();
            return result;
        }
        catch
        {
            Writer.ForgetCaches();
            throw;
        }
    }

    public void Dispose()
    {
        Writer.Dispose();
        Connection.Dispose();
    }
}
