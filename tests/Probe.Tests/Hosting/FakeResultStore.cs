using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Probe.Checks;
using Probe.Storage;
using Probe.Verdicts;

namespace Probe.Tests.Hosting;

/// <summary>A store that keeps what it is given in memory and logs the order of writes.</summary>
internal sealed class FakeResultStore : IResultStore
{
    public ConcurrentQueue<string> Events { get; } = new();

    public ConcurrentQueue<IReadOnlyList<CheckResult>> Batches { get; } = new();

    public ConcurrentQueue<VerdictChange> Changes { get; } = new();

    public ConcurrentQueue<HealthSample> Health { get; } = new();

    public StoreStatus Status { get; set; } = new(0, 0, 0, null, 0, 0, null, null, null, 0);

    public Exception? StatusFailure { get; set; }

    public Exception? AppendFailure { get; set; }

    public Task AppendResultsAsync(IReadOnlyList<CheckResult> results, CancellationToken cancellationToken)
    {
        if (AppendFailure is not null)
        {
            return Task.FromException(AppendFailure);
        }

        Batches.Enqueue(results);
        Events.Enqueue($"results:{results.Count}");
        return Task.CompletedTask;
    }

    public Task AppendVerdictAsync(VerdictChange change, CancellationToken cancellationToken)
    {
        Changes.Enqueue(change);
        Events.Enqueue($"verdict:{change.Current.State.ToName()}");
        return Task.CompletedTask;
    }

    public Task AppendHealthAsync(HealthSample sample, CancellationToken cancellationToken)
    {
        Health.Enqueue(sample);
        Events.Enqueue("health");
        return Task.CompletedTask;
    }

    public Task<StoreStatus> GetStatusAsync(CancellationToken cancellationToken) =>
        StatusFailure is null ? Task.FromResult(Status) : Task.FromException<StoreStatus>(StatusFailure);

    public Task ReleaseUnsyncedAsync(int max, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<IReadOnlyList<PendingPoint>> ReadPendingAsync(int max, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<PendingPoint>>([]);

    public Task MarkDeliveredAsync(IReadOnlyList<long> ids, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task SetAsideAsync(IReadOnlyList<long> ids, string reason, CancellationToken cancellationToken) => Task.CompletedTask;

    public async IAsyncEnumerable<PendingPoint> ReadPointsAsync(DateTimeOffset? since, bool pendingOnly, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.CompletedTask;
        yield break;
    }
}
