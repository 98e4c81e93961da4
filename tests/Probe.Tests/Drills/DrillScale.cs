namespace Probe.Tests.Drills;

/// <summary>
/// How the drill compresses time. The sentinel lane runs 10× faster than the default (1 s instead of 10 s) and full
/// rounds 60× faster (5 s instead of 5 min); the hysteresis is the default (ConfirmRounds 2). A time measured in the
/// drill is scaled back by the factor of the lane that decided it: a cut the sentinels see by ×10, a change only full
/// rounds can see (a platform block, DNS tampering, and the recovery from them) by ×60.
/// </summary>
internal static class DrillScale
{
    public static readonly TimeSpan SentinelInterval = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan RoundInterval = TimeSpan.FromSeconds(5);
    public static readonly TimeSpan CheckTimeout = TimeSpan.FromSeconds(1);

    /// <summary>Issue 5's goal for detection and for recovery, as measured in the drill.</summary>
    public static readonly TimeSpan Goal = TimeSpan.FromSeconds(30);

    public static readonly TimeSpan DefaultSentinelInterval = TimeSpan.FromSeconds(10);
    public static readonly TimeSpan DefaultRoundInterval = TimeSpan.FromMinutes(5);

    public static double SentinelFactor => DefaultSentinelInterval / SentinelInterval;

    public static double RoundFactor => DefaultRoundInterval / RoundInterval;

    public static double Factor(DecidingLane lane) => lane == DecidingLane.Sentinel ? SentinelFactor : RoundFactor;
}
