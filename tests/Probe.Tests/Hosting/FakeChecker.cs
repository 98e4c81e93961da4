using System.Collections.Concurrent;
using Probe.Checks;
using Probe.Targets;

namespace Probe.Tests.Hosting;

/// <summary>A checker whose answers the test scripts; it records when each round and sentinel pass started (fake time).</summary>
/// <remarks>
/// A scripted call whose task is not done yet is <em>held</em> (<see cref="RoundHeld"/>, <see cref="SentinelPassHeld"/>):
/// it waits for fake time or for the test, so a harness may move time while its loop is busy. Unscripted calls answer at
/// once and are never held: their loop is only running.
/// </remarks>
internal sealed class FakeChecker(TimeProvider time) : IChecker
{
    private readonly Held _heldRounds = new();
    private readonly Held _heldSentinelPasses = new();
    private int _activeRounds;
    private int _maxActiveRounds;

    /// <summary>Raised when a scripted call starts or stops being held.</summary>
    public event Action? Changed;

    /// <summary>A round call is waiting on its script's task (fake time or the test must release it).</summary>
    public bool RoundHeld => _heldRounds.Any;

    /// <summary>A sentinel pass is waiting on its script's task.</summary>
    public bool SentinelPassHeld => _heldSentinelPasses.Any;

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
                ? await HoldAsync(script(cancellationToken), _heldRounds)
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
            ? await HoldAsync(script(cancellationToken), _heldSentinelPasses)
            : FakeNetwork.Sentinels(Network);
    }

    // Counted as held from the moment the script's task is known not done until it is, so the harness never sees a held
    // call that already goes on, nor a call going on as held.
    private async Task<IReadOnlyList<CheckResult>> HoldAsync(Task<IReadOnlyList<CheckResult>> scripted, Held held)
    {
        if (scripted.IsCompleted)
        {
            return await scripted;
        }

        held.Enter();
        Changed?.Invoke();
        try
        {
            await ((Task)scripted).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
        finally
        {
            held.Leave();
            Changed?.Invoke();
        }

        return await scripted;
    }

    private sealed class Held
    {
        private int _count;

        public bool Any => Volatile.Read(ref _count) > 0;

        public void Enter() => Interlocked.Increment(ref _count);

        public void Leave() => Interlocked.Decrement(ref _count);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }
}
