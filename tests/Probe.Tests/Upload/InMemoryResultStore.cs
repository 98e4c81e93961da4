using System.Runtime.CompilerServices;
using Probe.Checks;
using Probe.Storage;
using Probe.Verdicts;

namespace Probe.Tests.Upload;

/// <summary>An IResultStore in memory for upload tests: keeps the store's order contract and counts every delivery per row.</summary>
internal sealed class InMemoryResultStore : IResultStore
{
    private readonly Lock _gate = new();
    private readonly List<Row> _rows = [];
    private long _nextId = 1;
    private List<Row>? _ordered;

    /// <summary>Thrown by the next ReadPendingAsync (one failing cycle), then cleared.</summary>
    public Exception? FailNextRead { get; set; }

    public int ReadPendingCalls { get; private set; }

    /// <summary>Released once per ReadPendingAsync: tests await a drain cycle instead of sleeping.</summary>
    public SemaphoreSlim Reads { get; } = new(0);

    public void Add(IEnumerable<ProbePoint> points)
    {
        lock (_gate)
        {
            foreach (var point in points)
            {
                _rows.Add(new Row(_nextId++, point));
            }

            _ordered = null;
        }
    }

    public IReadOnlyList<long> DeliveredIds { get { lock (_gate) { return _rows.Where(r => r.Deliveries > 0).Select(r => r.Id).ToList(); } } }

    public int MaxDeliveriesOfOneRow { get { lock (_gate) { return _rows.Count == 0 ? 0 : _rows.Max(r => r.Deliveries); } } }

    public IReadOnlyList<(long Id, string Reason)> SetAsideRows
    {
        get { lock (_gate) { return _rows.Where(r => r.SetAsideReason is not null).Select(r => (r.Id, r.SetAsideReason!)).ToList(); } }
    }

    public Task AppendResultsAsync(IReadOnlyList<CheckResult> results, CancellationToken cancellationToken) =>
        throw new NotSupportedException("upload tests add ProbePoints directly");

    public Task AppendVerdictAsync(VerdictChange change, CancellationToken cancellationToken) =>
        throw new NotSupportedException("upload tests add ProbePoints directly");

    public Task AppendHealthAsync(HealthSample sample, CancellationToken cancellationToken) =>
        throw new NotSupportedException("upload tests add ProbePoints directly");

    /// <summary>Points here have no clock states: nothing waits.</summary>
    public Task ReleaseUnsyncedAsync(int max, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<IReadOnlyList<PendingPoint>> ReadPendingAsync(int max, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            ReadPendingCalls++;
            Reads.Release();
            if (FailNextRead is { } failure)
            {
                FailNextRead = null;
                throw failure;
            }

            _ordered ??= Ordered(_rows).ToList();
            IReadOnlyList<PendingPoint> batch = _ordered.Where(r => r.Pending).Take(max).Select(r => new PendingPoint(r.Id, r.Point)).ToList();
            return Task.FromResult(batch);
        }
    }

    public Task MarkDeliveredAsync(IReadOnlyList<long> ids, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var marked = ids.ToHashSet();
            foreach (var row in _rows.Where(r => marked.Contains(r.Id)))
            {
                row.Deliveries++;
            }
        }

        return Task.CompletedTask;
    }

    public Task SetAsideAsync(IReadOnlyList<long> ids, string reason, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            foreach (var row in _rows.Where(r => ids.Contains(r.Id)))
            {
                row.SetAsideReason = reason;
            }
        }

        return Task.CompletedTask;
    }

    public async IAsyncEnumerable<PendingPoint> ReadPointsAsync(
        DateTimeOffset? since, bool pendingOnly, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        List<PendingPoint> snapshot;
        lock (_gate)
        {
            var sinceMs = since?.ToUnixTimeMilliseconds() ?? long.MinValue;
            snapshot = _rows.Where(r => (!pendingOnly || r.Pending) && r.Point.TimestampMs >= sinceMs)
                .OrderBy(r => r.Point.TimestampMs).ThenBy(r => r.Id)
                .Select(r => new PendingPoint(r.Id, r.Point)).ToList();
        }

        foreach (var point in snapshot)
        {
            await Task.Yield();
            yield return point;
        }
    }

    public Task<StoreStatus> GetStatusAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var pending = _rows.Where(r => r.Pending).ToList();
            return Task.FromResult(new StoreStatus(
                _rows.Count, 0, pending.Count,
                pending.Count == 0 ? null : DateTimeOffset.FromUnixTimeMilliseconds(pending.Min(r => r.Point.TimestampMs)),
                0, _rows.Count(r => r.SetAsideReason is not null), null, null, null, _rows.Count(r => r.Deliveries > 0)));
        }
    }

    // The store's contract: state changes first, then oldest first.
    private static IEnumerable<Row> Ordered(IEnumerable<Row> rows) =>
        rows.OrderBy(r => r.Point.Measurement == "probe_verdict" ? 0 : 1).ThenBy(r => r.Point.TimestampMs).ThenBy(r => r.Id);

    private sealed class Row(long id, ProbePoint point)
    {
        public long Id { get; } = id;

        public ProbePoint Point { get; } = point;

        public int Deliveries { get; set; }

        public string? SetAsideReason { get; set; }

        public bool Pending => Deliveries == 0 && SetAsideReason is null;
    }
}
