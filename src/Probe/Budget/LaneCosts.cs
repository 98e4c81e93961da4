namespace Probe.Budget;

/// <summary>What one pass of each lane costs on the wire (bytes, as metered), and the upload's share on top of what the checks spend.</summary>
/// <param name="SentinelPass">One sentinel pass (a few tcp connects closed with a reset).</param>
/// <param name="WatchPass">One platform watch (dns at the device's resolvers, tcp, a resumed TLS handshake, no http).</param>
/// <param name="CoverageRound">One round of the whole catalog (every resolver, tcp, tls, http up to the body limit).</param>
/// <param name="UploadShare">Upload bytes per check byte (the results of a pass cost this much again to deliver).</param>
internal sealed record LaneCosts(double SentinelPass, double WatchPass, double CoverageRound, double UploadShare)
{
    /// <summary>Guesses until the meter has measured each lane, from bench/traffic.sh's figures for real-sized sites.</summary>
    public static LaneCosts Estimate(int sentinels, int watched, int targets) =>
        new(Math.Max(1, sentinels) * 230.0, Math.Max(1, watched) * 2_000.0, Math.Max(1, targets) * 40_000.0, 0.15);

    /// <summary>The costs once a pass was measured: a pass of a lane on a working link moves that lane's cost, and only such a pass does.</summary>
    /// <remarks>
    /// <para>A recovery round has the watch's targets and shape and is the watch lane's next pass (RoundAgenda): it is a watch
    /// pass. Triggered and confirmation rounds are extra passes of an anomaly (failing checks, or only its group): they are
    /// paid from the reserve and say nothing of what a lane costs.</para>
    /// <para>A round run while a committed cut lasts (the sentinels have not seen the link back) fails fast and costs about a
    /// third: taught to the estimate, an hour of such watches would make the planner believe the watch lane costs a third of
    /// what it costs again at the lift, and buy coverage rounds with the difference the moment the cut ends. So the watch
    /// and coverage estimates keep what the working link cost (the planner overestimates a cut day's spend, which only
    /// leaves money unspent). The sentinels' estimate follows every pass: their lane runs every 10 s and the cut's passes
    /// are what it spends while the cut lasts.</para>
    /// </remarks>
    /// <param name="pass">The round's kind; null for a sentinel pass.</param>
    /// <param name="bytes">What the pass spent, as metered.</param>
    /// <param name="linkCut">A connectivity state was committed and the sentinels had not seen the link back when the round started.</param>
    public LaneCosts After(RoundKind? pass, long bytes, bool linkCut) => pass switch
    {
        null => this with { SentinelPass = Blend(SentinelPass, bytes) },
        _ when linkCut => this,
        RoundKind.Watch or RoundKind.Recovery => this with { WatchPass = Blend(WatchPass, bytes) },
        RoundKind.Coverage => this with { CoverageRound = Blend(CoverageRound, bytes) },
        _ => this,
    };

    /// <summary>Moves one lane's cost towards a measured pass (an exponentially weighted mean, a third for the new pass).</summary>
    public static double Blend(double current, double measured) => measured <= 0 ? current : (current * 2 / 3) + (measured / 3);
}
