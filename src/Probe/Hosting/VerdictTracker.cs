using Probe.Checks;
using Probe.Clock;
using Probe.Verdicts;

namespace Probe.Hosting;

/// <summary>Feeds rounds and sentinel passes to the engine and the hysteresis, and notices when the sentinels change picture.</summary>
/// <remarks>
/// <para>Whether a sentinel verdict counts, and when the sentinels change picture, is <see cref="SentinelGate"/>'s rule.
/// With 10 s sentinels and ConfirmRounds 2, a cut is committed by the second sentinel pass that sees it, or by the round
/// it triggers: within about 20 s of the first pass that saw it. When the picture changes, a full round is requested at once.</para>
/// <para>A round may check only part of the catalog (the platform watch, a confirmation of an anomaly's targets): it is judged
/// together with the latest round results of the targets it did not check (<see cref="RoundMemory"/>), so that its verdict
/// speaks for the whole catalog and does not flip the committed state by leaving targets out. What is remembered is
/// forgotten when the sentinels change picture: results from before a cut say nothing about the network during it.</para>
/// <para>The end of a cut is confirmed the way the cut was: by the sentinels. While a connectivity state (local_fault,
/// full_shutdown, international_cut) is committed, the sentinel passes that have seen both groups reachable since the link
/// came back count as evaluations agreeing with the first round that started after them, when that round says online (it
/// checked the platforms and the sentinels again, so online rests on a round, never on the sentinels alone). With
/// ConfirmRounds 2, the pass that saw the link back and the round it triggers commit online: within about one sentinel
/// interval and one round of the lift. Any other verdict after a cut (a platform still blocked, failures) keeps the usual
/// rule: one round proves a target reachable, but a failure right after a lift may be a route still coming back.</para>
/// </remarks>
internal sealed class VerdictTracker(IVerdictEngine engine, LatencyBaselineTracker baseline, VerdictHysteresis hysteresis, RoundTrigger trigger)
{
    private readonly Lock _gate = new();
    private readonly LastThroughputPass _throughput = new();
    private readonly SentinelGate _sentinels = new();
    private readonly RoundMemory _memory = new();

    /// <summary>The committed verdict.</summary>
    public Verdict Committed
    {
        get
        {
            lock (_gate)
            {
                return hysteresis.Committed;
            }
        }
    }

    /// <summary>A different verdict waits for confirmation: the scheduler brings the next round forward.</summary>
    public bool ConfirmationPending
    {
        get
        {
            lock (_gate)
            {
                return hysteresis.HasPending;
            }
        }
    }

    /// <summary>A connectivity state is committed and the sentinels see the link connected again: a round now would end it.</summary>
    public bool Recovering
    {
        get
        {
            lock (_gate)
            {
                return CutSeenOver;
            }
        }
    }

    /// <summary>A connectivity state is committed and the sentinels have not seen the link back: a round now measures the cut.</summary>
    public bool LinkCut
    {
        get
        {
            lock (_gate)
            {
                return SentinelGate.IsConnectivity(hysteresis.Committed.State) && !_sentinels.Connected;
            }
        }
    }

    /// <summary>Marks a round starting; pass the returned version to <see cref="AcceptRound"/>.</summary>
    public long RoundStarting()
    {
        trigger.Consume();
        lock (_gate)
        {
            return _sentinels.Version;
        }
    }

    /// <summary>The targets an anomaly concerns: those of the pending verdict's findings and of the committed one's (a recovery).</summary>
    public IReadOnlySet<string> AffectedTargets
    {
        get
        {
            lock (_gate)
            {
                var findings = (hysteresis.Pending?.Findings ?? []).Concat(hysteresis.Committed.Findings);
                return findings.SelectMany(f => f.Targets).ToHashSet(StringComparer.Ordinal);
            }
        }
    }

    public (Verdict Verdict, VerdictChange? Change) AcceptRound(IReadOnlyList<CheckResult> results, long startedAtVersion, ClockReading clock)
    {
        IReadOnlyList<CheckResult> judged;
        lock (_gate)
        {
            // A round that started before the sentinels last changed picture measured another network: judged alone.
            judged = _sentinels.IsCurrent(startedAtVersion) ? _memory.Merge(results) : results;
        }

        var verdict = Evaluate(_throughput.Carry(judged), results);
        lock (_gate)
        {
            var agreeing = Ends(verdict, startedAtVersion) ? _sentinels.Held : 0;
            _sentinels.RoundCompleted(startedAtVersion);
            return (verdict, hysteresis.Observe(verdict, clock, agreeing));
        }
    }

    /// <summary>Whether this round's verdict ends a committed connectivity state that the sentinels already saw end (caller holds the lock).</summary>
    private bool Ends(Verdict verdict, long startedAtVersion) =>
        verdict.State == VerdictState.Online && CutSeenOver && _sentinels.IsCurrent(startedAtVersion);

    // A connectivity state is committed and the sentinels' last pass saw the link connected (caller holds the lock).
    private bool CutSeenOver => SentinelGate.IsConnectivity(hysteresis.Committed.State) && _sentinels.Connected;

    public (Verdict Verdict, VerdictChange? Change, bool PictureChanged) AcceptSentinels(IReadOnlyList<CheckResult> results, ClockReading clock)
    {
        var verdict = Evaluate(results);
        if (verdict.State == VerdictState.Unknown)
        {
            return (verdict, null, false);
        }

        lock (_gate)
        {
            var decision = _sentinels.Observe(verdict.State);
            if (decision.PictureChanged)
            {
                _memory.Forget();
                trigger.Request();
            }

            return (verdict, decision.Counts ? hysteresis.Observe(verdict, clock) : null, decision.PictureChanged);
        }
    }

    /// <summary>Judges against the baseline as it was before these results, then adds them to it.</summary>
    private Verdict Evaluate(IReadOnlyList<CheckResult> results) => Evaluate(results, results);

    /// <summary>Judges <paramref name="judged"/> (fresh results with what is remembered of the other targets); only the fresh ones feed the baseline.</summary>
    private Verdict Evaluate(IReadOnlyList<CheckResult> judged, IReadOnlyList<CheckResult> fresh)
    {
        var verdict = engine.Evaluate(judged, baseline.Current());
        baseline.Observe(fresh);
        return verdict;
    }
}
