using Probe.Checks;
using Probe.Clock;
using Probe.Verdicts;

namespace Probe.Hosting;

/// <summary>Feeds rounds and sentinel passes to the engine and the hysteresis, and notices when the sentinels change picture.</summary>
/// <remarks>
/// <para>Rounds are the authority: every round verdict counts for the hysteresis. A sentinel pass sees only the gateway
/// and a few tcp connects, so it can prove a cut but not its absence, nor a block: a sentinel verdict counts only when it
/// is <c>local_fault</c>, <c>full_shutdown</c> or <c>international_cut</c>, and only until a round that started after the
/// sentinels last changed picture has completed (after that the round knows better). With 10 s sentinels and
/// ConfirmRounds 2, a cut is committed by the second sentinel pass that sees it, or by the round it triggers: within
/// about 20 s of the first pass that saw it.</para>
/// <para>A round may check only part of the catalog (the platform watch, a confirmation of an anomaly's targets): it is judged
/// together with the latest round results of the targets it did not check (<see cref="RoundMemory"/>), so that its verdict
/// speaks for the whole catalog and does not flip the committed state by leaving targets out. What is remembered is
/// forgotten when the sentinels change picture: results from before a cut say nothing about the network during it.</para>
/// <para>The sentinel <b>picture</b> is the connectivity state of a pass (one of those three, or "connected"); when it
/// changes, a full round is requested at once. A pass that judges nothing (no sentinels and a working gateway) is ignored.</para>
/// </remarks>
internal sealed class VerdictTracker(IVerdictEngine engine, LatencyBaselineTracker baseline, VerdictHysteresis hysteresis, RoundTrigger trigger)
{
    private readonly Lock _gate = new();
    private readonly LastThroughputPass _throughput = new();
    private VerdictState? _picture;
    private long _pictureVersion;
    private long _completedRoundVersion = -1;
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

    /// <summary>Marks a round starting; pass the returned version to <see cref="AcceptRound"/>.</summary>
    public long RoundStarting()
    {
        trigger.Consume();
        lock (_gate)
        {
            return _pictureVersion;
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
            judged = startedAtVersion == _pictureVersion ? _memory.Merge(results) : results;
        }

        var verdict = Evaluate(_throughput.Carry(judged), results);
        lock (_gate)
        {
            _completedRoundVersion = Math.Max(_completedRoundVersion, startedAtVersion);
            return (verdict, hysteresis.Observe(verdict, clock));
        }
    }

    public (Verdict Verdict, VerdictChange? Change, bool PictureChanged) AcceptSentinels(IReadOnlyList<CheckResult> results, ClockReading clock)
    {
        var verdict = Evaluate(results);
        if (verdict.State == VerdictState.Unknown)
        {
            return (verdict, null, false);
        }

        var picture = IsConnectivity(verdict.State) ? verdict.State : VerdictState.Online;
        lock (_gate)
        {
            var changed = _picture is not null && _picture != picture;
            _picture = picture;
            if (changed)
            {
                _pictureVersion++;
                _memory.Forget();
                trigger.Request();
            }

            var counts = IsConnectivity(verdict.State) && _completedRoundVersion < _pictureVersion;
            return (verdict, counts ? hysteresis.Observe(verdict, clock) : null, changed);
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

    private static bool IsConnectivity(VerdictState state) =>
        state is VerdictState.LocalFault or VerdictState.FullShutdown or VerdictState.InternationalCut;
}
