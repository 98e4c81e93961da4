using System.Diagnostics.CodeAnalysis;

namespace Probe.Budget;

/// <summary>Decides which round comes next and when: the round scheduler's plan as a pure object (time is given, never read).</summary>
/// <remarks>
/// Without a budget it is the scheduler of before: whole rounds every RoundInterval (jittered), one at once when the sentinels
/// change picture, and one a SentinelInterval after a round whose verdict awaits confirmation. With a budget, coverage and
/// watch follow <see cref="LanePlan"/>; a change of the sentinels' picture and a verdict awaiting confirmation each ask for
/// an extra round, and extra rounds take a token of the <see cref="EscalationBucket"/>: without one, the anomaly waits for
/// the next planned round (which confirms it as well), so a flapping link costs at most the bucket's rate.
/// <para>The end of a committed cut (the sentinels see the link back) is the one anomaly whose delay falsifies the record:
/// every minute it waits is a minute of outage in the store that did not happen. Its round (<see cref="RoundKind.Recovery"/>,
/// the watch's targets and shape) takes a token of a bucket of its own, which refills at the watch's rhythm, and counts as
/// the watch lane's next pass: the planned watch moves to a watch interval after it. So cuts in a row never starve their
/// recoveries of the anomalies' tokens, and a link flapping all day costs the watch lane it would have run anyway plus the
/// bucket's few passes. Without a recovery token (or on an exhausted day) the end of a cut is an ordinary trigger.</para>
/// </remarks>
/// <param name="bucket">Tokens for the extra rounds anomalies ask for.</param>
/// <param name="recovery">Tokens for the rounds that end a committed cut.</param>
/// <param name="jitter">Schedule.Jitter.</param>
/// <param name="random">Source of jitter.</param>
internal sealed class RoundAgenda(EscalationBucket bucket, EscalationBucket recovery, double jitter, Random random)
{
    private readonly double _jitter = Math.Clamp(jitter, 0, 0.5);
    private DateTimeOffset? _nextCoverage;
    private DateTimeOffset? _nextWatch;
    private Hosting.IntervalSchedule? _schedule;
    private bool _plannedRunning;

    /// <summary>Extra rounds run since start (confirmations and triggered rounds).</summary>
    public int Escalations { get; private set; }

    /// <summary>Rounds run since start to end a committed cut.</summary>
    public int Recoveries { get; private set; }

    /// <summary>The next round and when it is due; a triggered, recovery or confirmation round may be due at once.</summary>
    /// <param name="plan">The lanes' plan.</param>
    /// <param name="now">Wall time.</param>
    /// <param name="monotonic">Monotonic time, for the buckets.</param>
    /// <param name="triggered">The sentinels changed picture.</param>
    /// <param name="confirmation">When a verdict awaiting confirmation wants its round.</param>
    /// <param name="recovering">A connectivity state is committed and the sentinels see the link back (VerdictTracker.Recovering).</param>
    public (RoundKind Kind, DateTimeOffset Due) Next(LanePlan plan, DateTimeOffset now, TimeSpan monotonic, bool triggered, DateTimeOffset? confirmation, bool recovering = false)
    {
        var coverage = _nextCoverage ?? now;
        if (!plan.Budgeted)
        {
            if (triggered)
            {
                return (RoundKind.Coverage, now);
            }

            return confirmation is { } soon && soon < coverage ? (RoundKind.Coverage, soon) : (RoundKind.Coverage, coverage);
        }

        if (triggered && recovering && !plan.Exhausted && recovery.CanTake(monotonic))
        {
            return (RoundKind.Recovery, now);
        }

        var escalate = bucket.CanTake(monotonic);
        if (triggered && escalate)
        {
            return (RoundKind.Triggered, now);
        }

        var planned = plan.Exhausted
            ? (RoundKind.Coverage, DateTimeOffset.MaxValue)
            : plan.WatchInterval is null || coverage <= (_nextWatch ?? now + plan.WatchInterval.Value)
                ? (RoundKind.Coverage, coverage)
                : (RoundKind.Watch, _nextWatch!.Value);
        return confirmation is { } due && escalate && due < planned.Item2 ? (RoundKind.Confirmation, due) : planned;
    }

    /// <summary>A round of this kind started at <paramref name="started"/>: the next planned ones move accordingly.</summary>
    public void Started(RoundKind kind, LanePlan plan, DateTimeOffset started, TimeSpan monotonic)
    {
        switch (kind)
        {
            case RoundKind.Coverage when !plan.Budgeted:
                // Planned starts follow an IntervalSchedule (no drift); an extra round does not move the plan.
                _schedule ??= new Hosting.IntervalSchedule(started, plan.CoverageInterval, _jitter, random);
                _plannedRunning = _nextCoverage is not { } planned || started >= planned;
                break;
            case RoundKind.Coverage:
                // On a budget the coverage interval is a deadline (every target every 6 hours): jitter only brings it forward.
                _nextCoverage = started + Early(plan.CoverageInterval);
                // A whole round also watches the platforms.
                _nextWatch = WatchAfter(plan, started);
                break;
            case RoundKind.Watch:
                _nextWatch = WatchAfter(plan, started);
                break;
            case RoundKind.Recovery:
                // The watch brought forward: the planned one counts from it.
                if (recovery.TryTake(monotonic))
                {
                    Recoveries++;
                }

                _nextWatch = WatchAfter(plan, started);
                break;
            default:
                if (plan.Budgeted && bucket.TryTake(monotonic))
                {
                    Escalations++;
                }

                break;
        }
    }

    // The planned watch a watch interval after a round that watched the platforms (none when the plan has no watch).
    private DateTimeOffset? WatchAfter(LanePlan plan, DateTimeOffset started) =>
        plan.WatchInterval is { } interval ? started + Early(interval) : null;

    /// <summary>A round ended at <paramref name="now"/>: without a budget, a planned one moves the plan to its next slot.</summary>
    public void Finished(DateTimeOffset now)
    {
        if (_plannedRunning && _schedule is not null)
        {
            _nextCoverage = _schedule.Next(now);
            _plannedRunning = false;
        }
    }

    /// <summary>The plan changed (the budget's picture moved): planned rounds keep their last start, with the new intervals.</summary>
    public void Replanned(LanePlan before, LanePlan after)
    {
        if (_nextCoverage is { } coverage && before.CoverageInterval != after.CoverageInterval)
        {
            _nextCoverage = coverage - before.CoverageInterval + after.CoverageInterval;
        }

        if (after.WatchInterval is null)
        {
            _nextWatch = null;
        }
        else if (_nextWatch is { } watch && before.WatchInterval is { } was && was != after.WatchInterval)
        {
            _nextWatch = watch - was + after.WatchInterval.Value;
        }
        else if (_nextWatch is null && _nextCoverage is { } last)
        {
            _nextWatch = last - after.CoverageInterval + after.WatchInterval.Value;
        }
    }

    /// <summary>A round of the whole catalog that resumes after a restart comes when it is due, not at once.</summary>
    public void Resume(DateTimeOffset lastCoverage, LanePlan plan, DateTimeOffset now)
    {
        if (plan.Budgeted && lastCoverage <= now && lastCoverage + plan.CoverageInterval > now)
        {
            _nextCoverage = lastCoverage + plan.CoverageInterval;
        }
    }

    /// <summary>On a budget, jitter only ever brings a round forward: the watch's and coverage's intervals are detection deadlines.</summary>
    [SuppressMessage("Security", "CA5394:Do not use insecure randomness", Justification = "Jitter spreads load, it protects nothing.")]
    private TimeSpan Early(TimeSpan interval) => interval * (1 - (random.NextDouble() * _jitter));
}
