using Probe.Targets;
using Probe.Verdicts;

namespace Probe.Hosting;

/// <summary>Which rounds are throughput passes: a slow cadence that costs a few MB a day, and extra passes when a verdict asks for one.</summary>
/// <remarks>
/// <para>A pass is due at the first round, then every <see cref="Interval"/> (Schedule.ThroughputInterval, 6 hours: 4 a day). Extra passes, at most
/// <see cref="DefaultExtraPerDay"/> in any 24 hours: one at once to confirm a throttling that a pass saw (the hysteresis
/// wants a fresh measurement, not the same one twice), and one after a round whose verdict shows another degradation
/// (latency or failures), at least <see cref="DefaultMinGap"/> after the last pass. A throttling that lasts is
/// re-measured at the normal cadence only: the last pass's rates carry it in the verdict meanwhile.</para>
/// <para>Outside a pass the round's targets lose their Throughput mark, so the checker measures nothing more than its
/// usual checks. Elapsed time is monotonic (TimeProvider timestamps): a wall clock set at boot does not start or stop
/// passes. One owner (the round loop); not thread-safe.</para>
/// </remarks>
internal sealed class ThroughputPlan(TimeProvider time)
{
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromHours(6);
    public static readonly TimeSpan DefaultMinGap = TimeSpan.FromHours(1);
    public const int DefaultExtraPerDay = 4;

    private static readonly TimeSpan Day = TimeSpan.FromDays(1);
    private readonly Queue<long> _extras = new();
    private long? _lastPass;
    private bool _passRunning;
    private bool _lastWasConfirmation;
    private bool _confirm;
    private bool _anomaly;

    public TimeSpan Interval { get; init; } = DefaultInterval;

    public TimeSpan MinGap { get; init; } = DefaultMinGap;

    public int ExtraPerDay { get; init; } = DefaultExtraPerDay;

    /// <summary>The plan of <c>Schedule.ThroughputInterval</c>: extra passes at least a sixth of it after the last one.</summary>
    public static ThroughputPlan For(ScheduleOptions schedule, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        return new ThroughputPlan(time) { Interval = schedule.ThroughputInterval, MinGap = schedule.ThroughputInterval / 6 };
    }

    /// <summary>The round's targets: as they are in a pass (which this records), without their Throughput mark otherwise.</summary>
    public IReadOnlyList<Target> ForRound(IReadOnlyList<Target> targets)
    {
        ArgumentNullException.ThrowIfNull(targets);
        _passRunning = false;
        if (!targets.Any(t => t.Throughput))
        {
            return targets;
        }

        var now = time.GetTimestamp();
        var scheduled = _lastPass is not { } last || time.GetElapsedTime(last, now) >= Interval;
        if (!scheduled && !ExtraDue(now))
        {
            return [.. targets.Select(t => t.Throughput ? t with { Throughput = false } : t)];
        }

        if (!scheduled)
        {
            _extras.Enqueue(now);
        }

        _lastWasConfirmation = !scheduled && _confirm;
        (_confirm, _anomaly, _lastPass, _passRunning) = (false, false, now, true);
        return targets;
    }

    /// <summary>Feeds the verdict of the round that just ran.</summary>
    public void AfterRound(Verdict verdict)
    {
        ArgumentNullException.ThrowIfNull(verdict);
        var throttling = verdict.Findings.Any(f => f.How == ThrottlingRule.How);
        if (_passRunning && throttling && !_lastWasConfirmation)
        {
            _confirm = true;
        }

        if (verdict.Findings.Any(f => f.State == VerdictState.Degraded && f.How is null))
        {
            _anomaly = true;
        }

        _passRunning = false;
    }

    private bool ExtraDue(long now)
    {
        while (_extras.TryPeek(out var oldest) && time.GetElapsedTime(oldest, now) >= Day)
        {
            _extras.Dequeue();
        }

        if (_extras.Count >= ExtraPerDay)
        {
            return false;
        }

        return _confirm || (_anomaly && time.GetElapsedTime(_lastPass!.Value, now) >= MinGap);
    }
}
