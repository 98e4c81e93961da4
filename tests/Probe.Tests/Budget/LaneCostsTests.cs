using NUnit.Framework;
using Probe.Budget;

namespace Probe.Tests.Budget;

/// <summary>What each pass teaches the planner about the lanes' costs.</summary>
public sealed class LaneCostsTests
{
    // As LanePlannerTests: real-sized sites at the defaults (bench/traffic.sh).
    private static readonly LaneCosts RealSized = new(4 * 212, 38 * 1_900, 58 * 18_000, 0.12);

    [Test]
    public void After_RecoveryRound_MovesTheWatchPassAsAWatchDoes()
    {
        var sut = CreateSut();

        var recovered = sut.After(RoundKind.Recovery, 90_000);

        Assert.That(recovered, Is.EqualTo(sut.After(RoundKind.Watch, 90_000)));
        Assert.That(recovered.WatchPass, Is.EqualTo(LaneCosts.Blend(RealSized.WatchPass, 90_000)));
    }

    [TestCase(nameof(RoundKind.Triggered))]
    [TestCase(nameof(RoundKind.Confirmation))]
    public void After_AnomalysExtraRound_CostsUnchanged(string kind)
    {
        var sut = CreateSut();

        Assert.That(sut.After(Enum.Parse<RoundKind>(kind), 5_000), Is.EqualTo(sut));
    }

    [Test]
    public void After_SentinelPassAndCoverageRound_EachMovesItsOwnLane()
    {
        var sut = CreateSut();

        var after = sut.After(null, 1_000).After(RoundKind.Coverage, 900_000);

        Assert.That(after, Is.EqualTo(sut with
        {
            SentinelPass = LaneCosts.Blend(sut.SentinelPass, 1_000),
            CoverageRound = LaneCosts.Blend(sut.CoverageRound, 900_000),
        }));
    }

    private static LaneCosts CreateSut() => RealSized;
}
