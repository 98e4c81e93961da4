using System.Collections.Concurrent;
using Probe.Checks;
using Probe.Targets;

namespace Probe.Tests.Hosting;

/// <summary>A checker whose answers the test scripts; it records when each round and sentinel pass started (fake time).</summary>
internal sealed class FakeChecker(TimeProvider time) : IChecker
{
    private int _activeRounds;
    private int _maxActiveRounds;

    public NetworkState Network { get; set; } = NetworkState.Online;

    /// <summary>Replaces the round's behaviour for one call number (1-based); others answer from <see cref="Network"/>.</summary>
    public ConcurrentDictionary<int, Func<CancellationToken, Task<IReadOnlyList<CheckResult>>>> RoundScripts { get; } = new();

    public ConcurrentDictionary<int, Func<CancellationToken, Task<IReadOnlyList<CheckResult>>>> SentinelScripts { get; } = new();

    public ConcurrentQueue<TimeSpan> RoundStarts { get; } = new();

    public ConcurrentQueue<TimeSpan> SentinelStarts { get; } = new();

    public DateTimeOffset Origin { get; } = time.GetUtcNow();

    public int MaxActiveRounds => Volatile.Read(ref _maxActiveRounds);

    public async Task<IReadOnlyList<CheckResult>> RunRoundAsync(IReadOnlyList<Target> targets, CancellationToken cancellationToken)
    {
        RoundStarts.Enqueue(time.GetUtcNow() - Origin);
        var active = Interlocked.Increment(ref _activeRounds);
        InterlockedMax(ref _maxActiveRounds, active);
        try
        {
            return RoundScripts.TryGetValue(RoundStarts.Count, out var script)
                ? await script(cancellationToken)
                : FakeNetwork.Round(Network);
        }
        finally
        {
            Interlocked.Decrement(ref _activeRounds);
        }
    }

    public async Task<IReadOnlyList<CheckResult>> RunSentinelsAsync(IReadOnlyList<Target> sentinels, CancellationToken cancellationToken)
    {
        SentinelStarts.Enqueue(time.GetUtcNow() - Origin);
        return SentinelScripts.TryGetValue(SentinelStarts.Count, out var script)
            ? await script(cancellationToken)
            : FakeNetwork.Sentinels(Network);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }
}
