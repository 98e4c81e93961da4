using Probe.Storage.Rows;
using Probe.Storage.Store;

namespace Probe.Storage.Schema;

/// <summary>
/// How a row's clock state is read: a waiting row at or below its boot's <c>released_through</c> was handed out
/// unsynchronized and is frozen (<see cref="RowClock.Released"/>), though its column still says waiting. Releasing a batch
/// so moves one boots row instead of rewriting every row it sends.
/// </summary>
internal static class RowClockSql
{
    /// <summary><see cref="RowClock.Waiting"/> as SQL text (a constant of the query, as the planner sees it best).</summary>
    public const string Waiting = "2";

    /// <summary><see cref="RowClock.Released"/> as SQL text.</summary>
    public const string Released = "3";

    /// <summary>Whether a row of <c>records</c> is still waiting for its boot's clock: its column says so and no release covers it.</summary>
    public const string IsWaiting =
        "(clock = " + Waiting + " AND id > (SELECT released_through FROM boots WHERE boots.id = records.boot))";

    /// <summary>The effective <see cref="RowClock"/> of a row of <c>records</c>.</summary>
    public const string Effective =
        "CASE WHEN clock = " + Waiting + " AND id <= (SELECT released_through FROM boots WHERE boots.id = records.boot) THEN " + Released + " ELSE clock END";
}
