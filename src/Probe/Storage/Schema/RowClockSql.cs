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
    /// <summary>The effective <see cref="RowClock"/> of a row of <c>records</c>.</summary>
    public const string Effective =
        "CASE WHEN clock = 2 AND id <= (SELECT released_through FROM boots WHERE boots.id = records.boot) THEN 3 ELSE clock END";
}
