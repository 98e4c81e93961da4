using Microsoft.Data.Sqlite;
using Probe.Storage.Rows;
using Probe.Storage.Schema;

namespace Probe.Storage.Store;

/// <summary>An open database file with the writer and reader bound to its connection; replaced as a whole when the file is quarantined.</summary>
internal sealed class StoreSession(SqliteConnection connection, RowEncoder encoder, bool quickChecked) : IDisposable
{
    private bool _quickChecked = quickChecked;

    public SqliteConnection Connection { get; } = connection;

    public RowWriter Writer { get; } = new(connection, encoder);

    public RowReader Reader { get; } = new(connection);

    /// <summary>Runs SQLite's quick check once before the first write (readers skip it); damage found throws as SQLITE_CORRUPT, to be quarantined.</summary>
    public void EnsureChecked()
    {
        if (_quickChecked)
        {
            return;
        }

        if (StoreFile.QuickCheckProblem(Connection) is { } problem)
        {
            throw new SqliteException(problem, 11);
        }

        _quickChecked = true;
    }

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
