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

    /// <summary>The costs once a pass was measured: a pass of a lane moves that lane's cost, and only a lane's own passes do.</summary>
    /// <remarks>
    /// A recovery round has the watch's targets and shape and is the watch lane's next pass (RoundAgenda): it is a watch pass.
    /// Triggered and confirmation rounds are extra passes of an anomaly (failing checks, or only its group): they are paid
    /// from the reserve and say nothing of what a lane costs.
    /// </remarks>
    /// <param name="pass">The round's kind; null for a sentinel pass.</param>
    /// <param name="bytes">What the pass spent, as metered.</param>
    public LaneCosts After(RoundKind? pass, long bytes) => pass switch
    {
        null => this with { SentinelPass = Blend(SentinelPass, bytes) },
        RoundKind.Watch or RoundKind.Recovery => this with { WatchPass = Blend(WatchPass, bytes) },
        RoundKind.Coverage => this with { CoverageRound = Blend(CoverageRound, bytes) },
        _ => this,
    };

    /// <summary>Moves one lane's cost towards a measured pass (an exponentially weighted mean, a third for the new pass).</summary>
    public static double Blend(double current, double measured) => measured <= 0 ? current : (current * 2 / 3) + (measured / 3);
}
