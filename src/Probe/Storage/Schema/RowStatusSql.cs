using Probe.Storage.Rows;

namespace Probe.Storage.Schema;

/// <summary>
/// The <see cref="RowStatus"/> values as SQL text, as <see cref="RowClockSql"/> names the clock states: constants of the
/// query, since SQLite uses a partial index only for a query whose WHERE clause contains the index's text
/// (<c>records_pending_first</c>: <c>status = 0 AND kind &gt;= 2</c>, <see cref="IsPending"/> and <see cref="RowKindSql.SentFirst"/>).
/// </summary>
internal static class RowStatusSql
{
    /// <summary><see cref="RowStatus.Pending"/> as SQL text.</summary>
    public const string Pending = "0";

    /// <summary><see cref="RowStatus.Delivered"/> as SQL text.</summary>
    public const string Delivered = "1";

    /// <summary><see cref="RowStatus.SetAside"/> as SQL text.</summary>
    public const string SetAside = "2";

    /// <summary>A row of <c>records</c> whose column says pending (rows below the watermark are delivered all the same: Store.Delivery).</summary>
    public const string IsPending = "status = " + Pending;
}
