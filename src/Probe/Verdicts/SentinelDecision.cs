namespace Probe.Verdicts;

/// <summary>What <see cref="SentinelGate.Observe"/> decided for one sentinel pass.</summary>
/// <param name="Counts">The pass's verdict counts for the hysteresis.</param>
/// <param name="PictureChanged">The sentinels changed picture: remembered results are stale and a full round is due.</param>
internal readonly record struct SentinelDecision(bool Counts, bool PictureChanged);
