using System.Runtime.CompilerServices;
using Probe.Storage.Rows;

namespace Probe.Storage.Store;

/// <summary>The store's reads: upload's pending points, exports and status, all from the card (never the stage, PROBE.md §5).</summary>
internal sealed partial class SqliteResultStore
{
    public Task<IReadOnlyList<PendingPoint>> ReadPendingAsync(int max, CancellationToken cancellationToken) =>
        ReadPendingAsync(max, System.Collections.Frozen.FrozenSet<long>.Empty, cancellationToken);

    public async Task<IReadOnlyList<PendingPoint>> ReadPendingAsync(int max, IReadOnlySet<long> inFlight, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(max);
        ArgumentNullException.ThrowIfNull(inFlight);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return Use(
                session => session.InTransaction(transaction =>
                    (IReadOnlyList<PendingPoint>)session.Reader.ReadyToSend(transaction, max, inFlight).Select(row => session.Reader.ToPoint(transaction, row)).ToList()),
                writes: false);
        }
        finally
        {
            _gate.Release();
        }
    }

    public async IAsyncEnumerable<PendingPoint> ReadPointsAsync(DateTimeOffset? since, bool pendingOnly, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var sinceMs = since?.ToUnixTimeMilliseconds() ?? long.MinValue;
        var afterId = 0L;
        while (true)
        {
            // The gate is held per page, not across the caller's work, so the daemon keeps appending during an export.
            List<PendingPoint> page;
            await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                page = Use(
                    session => session.InTransaction(transaction =>
                        session.Reader.Page(transaction, afterId, sinceMs, pendingOnly, ExportPageSize).Select(row => session.Reader.ToPoint(transaction, row)).ToList()),
                    writes: false);
            }
            finally
            {
                _gate.Release();
            }

            foreach (var point in page)
            {
                yield return point;
            }

            if (page.Count < ExportPageSize)
            {
                yield break;
            }

            afterId = page[^1].Id;
        }
    }

    public async Task<StoreStatus> GetStatusAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var staged = StagedCount();
            return Use(session => session.InTransaction(transaction => session.Reader.Status(transaction, _backlog.Count + staged, _backlog.Dropped)), writes: false);
        }
        finally
        {
            _gate.Release();
        }
    }
}
