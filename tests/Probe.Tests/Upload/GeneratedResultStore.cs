using System.Runtime.CompilerServices;
using Probe.Checks;
using Probe.Storage;
using Probe.Verdicts;

namespace Probe.Tests.Upload;

/// <summary>A read-only store that makes its points on the fly, so an export of many rows can be watched for streaming.</summary>
internal sealed class GeneratedResultStore(int count) : IResultStore
{
    public long Produced { get; private set; }

    public Task AppendResultsAsync(IReadOnlyList<CheckResult> results, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task AppendVerdictAsync(VerdictChange change, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task AppendHealthAsync(HealthSample sample, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task ReleaseUnsyncedAsync(int max, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<IReadOnlyList<PendingPoint>> ReadPendingAsync(int max, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task MarkDeliveredAsync(IReadOnlyList<long> ids, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task SetAsideAsync(IReadOnlyList<long> ids, string reason, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<StoreStatus> GetStatusAsync(CancellationToken cancellationToken) => throw new NotSupportedException();

    public async IAsyncEnumerable<PendingPoint> ReadPointsAsync(DateTimeOffset? since, bool pendingOnly, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        Produced = 0;
        for (var i = 0; i < count; i++)
        {
            Produced = i + 1;
            yield return new PendingPoint(i + 1, TestPoints.Check(1_795_000_000_000 + i, "p", "tcp", "t", "", i));
        }

        await Task.CompletedTask;
    }
}
