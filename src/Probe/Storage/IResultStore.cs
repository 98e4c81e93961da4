using Probe.Checks;
using Probe.Verdicts;

namespace Probe.Storage;

/// <summary>The crash-safe local buffer: every result is written here before anything else sees it.</summary>
/// <remarks>
/// Storage's words: a <em>result</em> is what a check returns (<see cref="CheckResult"/>, and likewise a state change or
/// a health sample); a <em>row</em> is what the store keeps of it (NewRow on the way in, RowKind, RowWriter and RowReader,
/// RowEncoder and RowDecoder; the SQL table keeps its schema-1 name, <c>records</c>); a <em>point</em> is what goes on the
/// wire in line protocol (<see cref="ProbePoint"/>, <see cref="PendingPoint"/>). A row's fields leave Storage only
/// through Rows/StoredFields.
/// </remarks>
public interface IResultStore
{
    /// <summary>Appends a batch of results in one transaction.</summary>
    Task AppendResultsAsync(IReadOnlyList<CheckResult> results, CancellationToken cancellationToken);

    /// <summary>Appends a committed state change.</summary>
    Task AppendVerdictAsync(VerdictChange change, CancellationToken cancellationToken);

    /// <summary>Appends a health sample.</summary>
    Task AppendHealthAsync(HealthSample sample, CancellationToken cancellationToken);

    /// <summary>
    /// Lets go of up to <paramref name="max"/> rows still waiting for their boot's clock that may wait no longer (their
    /// boot is over, or they are older than <c>store.unsynced_hold_limit</c>): from now on their timestamps never change
    /// and <see cref="ReadPendingAsync(int, CancellationToken)"/> hands them out. A clock that synced meanwhile re-stamps
    /// its boot's waiting rows first. The upload calls it before each read.
    /// </summary>
    Task ReleaseUnsyncedAsync(int max, CancellationToken cancellationToken);

    /// <summary>
    /// Undelivered points ready to send, state changes first, then oldest first; at most <paramref name="max"/>. Only
    /// reads: rows still waiting for their boot's clock stay back until <see cref="ReleaseUnsyncedAsync"/> lets them go.
    /// </summary>
    Task<IReadOnlyList<PendingPoint>> ReadPendingAsync(int max, CancellationToken cancellationToken);

    /// <summary>
    /// As <see cref="ReadPendingAsync(int, CancellationToken)"/>, leaving out the rows in <paramref name="inFlight"/>
    /// (handed out, not settled yet): how the upload reads its next batch while the current one is being sent.
    /// </summary>
    async Task<IReadOnlyList<PendingPoint>> ReadPendingAsync(int max, IReadOnlySet<long> inFlight, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(inFlight);
        var rows = await ReadPendingAsync(max + inFlight.Count, cancellationToken).ConfigureAwait(false);
        return rows.Where(r => !inFlight.Contains(r.Id)).Take(max).ToList();
    }

    /// <summary>Marks rows delivered after the sink acknowledged them (2xx).</summary>
    Task MarkDeliveredAsync(IReadOnlyList<long> ids, CancellationToken cancellationToken);

    /// <summary>Sets poison rows aside (rejected by the sink as bad data): kept, counted, never sent again.</summary>
    Task SetAsideAsync(IReadOnlyList<long> ids, string reason, CancellationToken cancellationToken);

    /// <summary>Every stored point (or only undelivered ones), oldest first, for <c>probe export</c>.</summary>
    IAsyncEnumerable<PendingPoint> ReadPointsAsync(DateTimeOffset? since, bool pendingOnly, CancellationToken cancellationToken);

    /// <summary>Counts and ages for <c>probe status</c> and <c>probe_health</c>.</summary>
    Task<StoreStatus> GetStatusAsync(CancellationToken cancellationToken);
}
