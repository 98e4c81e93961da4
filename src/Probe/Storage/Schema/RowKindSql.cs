using Probe.Storage.Rows;

namespace Probe.Storage.Schema;

/// <summary>The <see cref="RowKind"/> values as SQL text, and the two kind sets of the send order.</summary>
internal static class RowKindSql
{
    /// <summary><see cref="RowKind.Check"/> as SQL text.</summary>
    public const string Check = "0";

    /// <summary><see cref="RowKind.Health"/> as SQL text.</summary>
    public const string Health = "1";

    /// <summary><see cref="RowKind.Clock"/> as SQL text.</summary>
    public const string Clock = "2";

    /// <summary><see cref="RowKind.Verdict"/> as SQL text.</summary>
    public const string Verdict = "3";

    /// <summary>
    /// The rows sent first: state changes and clock corrections. The partial index <c>records_pending_first</c> is over
    /// this very text (<c>status = 0 AND kind &gt;= 2</c>): keep the two alike, or the send order's first read scans.
    /// </summary>
    public const string SentFirst = "kind >= " + Clock;

    /// <summary>The rows sent after them: checks and health samples.</summary>
    public const string SentAfter = "kind < " + Clock;
}
