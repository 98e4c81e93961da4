using Probe.Clock;

namespace Probe.Verdicts;

/// <summary>Commits a new verdict only after it held <c>confirmRounds</c> consecutive evaluations, so one odd round changes nothing.</summary>
/// <remarks>
/// Two verdicts are "the same" when they have the same headline and the same set of (state, platform, resolver)
/// findings: a second platform getting blocked is a change, a different list of slow targets is not.
/// The committed verdict starts as <c>unknown</c>. Not thread-safe: one owner feeds it.
/// </remarks>
internal sealed class VerdictHysteresis(int confirmRounds)
{
    private readonly int _confirmRounds = Math.Max(1, confirmRounds);
    private Verdict? _candidate;
    private int _held;

    /// <summary>The verdict last committed (refreshed by evaluations that agree with it).</summary>
    public Verdict Committed { get; private set; } = Verdict.Unknown;

    /// <summary>Whether a different verdict is waiting for confirmation.</summary>
    public bool HasPending => _candidate is not null;

    /// <summary>The verdict waiting for confirmation, if any.</summary>
    public Verdict? Pending => _candidate;

    /// <summary>Feeds one evaluation; returns the committed change, or null when nothing is committed.</summary>
    /// <param name="verdict">The evaluation.</param>
    /// <param name="clock">When it was made.</param>
    /// <param name="agreeing">Evaluations just before this one that the caller counts as agreeing with it although they
    /// were not fed here (the sentinel passes that saw a cut end: VerdictTracker); they count towards ConfirmRounds.</param>
    public VerdictChange? Observe(Verdict verdict, ClockReading clock, int agreeing = 0)
    {
        ArgumentNullException.ThrowIfNull(verdict);
        if (SameAs(verdict, Committed))
        {
            Committed = verdict;
            _candidate = null;
            _held = 0;
            return null;
        }

        if (_candidate is not null && SameAs(verdict, _candidate))
        {
            _held++;
        }
        else
        {
            _held = 1;
        }

        _held = Math.Max(_held, 1 + agreeing);

        _candidate = verdict;
        if (_held < _confirmRounds)
        {
            return null;
        }

        var previous = Committed.State;
        Committed = verdict;
        _candidate = null;
        _held = 0;
        return new VerdictChange(verdict, previous, clock);
    }

    private static bool SameAs(Verdict a, Verdict b) =>
        a.State == b.State && Signature(a).SetEquals(Signature(b));

    private static HashSet<(VerdictState, string?, string?)> Signature(Verdict verdict) =>
        verdict.Findings.Select(f => (f.State, f.Platform, f.Resolver)).ToHashSet();
}
