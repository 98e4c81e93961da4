namespace Probe.Verdicts;

/// <summary>
/// Decides whether a sentinel verdict counts for the hysteresis, and notices when the sentinels change picture.
/// Pure bookkeeping (no clock, no I/O, not thread-safe: the caller serialises).
/// </summary>
/// <remarks>
/// <para>Rounds are the authority. A sentinel pass sees only the gateway and a few tcp connects, so it can prove a cut
/// but not its absence, nor a block: a sentinel verdict counts only when it is <c>local_fault</c>, <c>full_shutdown</c>
/// or <c>international_cut</c>, and only until a round that started after the sentinels last changed picture has
/// completed (after that the round knows better).</para>
/// <para>The <b>picture</b> of a pass is its connectivity state (one of those three, or "connected"). Each change of
/// picture starts a new <see cref="Version"/>: a round that started under an older version measured another network.</para>
/// <para>The sentinels cannot prove "online", but they do prove a cut over: both groups reachable again. So the end of a
/// committed connectivity state counts the passes that saw the link <see cref="Connected"/> since it came back
/// (<see cref="Held"/>) towards the confirmation of the first round after it (VerdictTracker).</para>
/// </remarks>
internal sealed class SentinelGate
{
    private VerdictState? _picture;
    private long _completedRoundVersion = -1;

    /// <summary>How many times the sentinels have changed picture; a round records it when it starts.</summary>
    public long Version { get; private set; }

    /// <summary>The last pass saw the link connected (no local fault, shutdown or cut).</summary>
    public bool Connected => _picture == VerdictState.Online;

    /// <summary>Consecutive passes that saw the current picture (1 for the pass that changed it).</summary>
    public int Held { get; private set; }

    /// <summary>Whether a round that started at <paramref name="startedAtVersion"/> saw the current picture.</summary>
    public bool IsCurrent(long startedAtVersion) => startedAtVersion == Version;

    /// <summary>A round that started at <paramref name="startedAtVersion"/> has completed.</summary>
    public void RoundCompleted(long startedAtVersion) =>
        _completedRoundVersion = Math.Max(_completedRoundVersion, startedAtVersion);

    /// <summary>Takes a sentinel pass's verdict state (not <see cref="VerdictState.Unknown"/>: a pass that judges nothing is ignored).</summary>
    /// <returns>Whether the verdict counts for the hysteresis, and whether the picture changed with it.</returns>
    public SentinelDecision Observe(VerdictState state)
    {
        var connectivity = IsConnectivity(state);
        var picture = connectivity ? state : VerdictState.Online;
        var changed = _picture is not null && _picture != picture;
        _picture = picture;
        if (changed)
        {
            Version++;
        }

        Held = changed ? 1 : Held + 1;

        return new SentinelDecision(connectivity && _completedRoundVersion < Version, changed);
    }

    /// <summary>The states a sentinel pass can prove.</summary>
    public static bool IsConnectivity(VerdictState state) =>
        state is VerdictState.LocalFault or VerdictState.FullShutdown or VerdictState.InternationalCut;
}
