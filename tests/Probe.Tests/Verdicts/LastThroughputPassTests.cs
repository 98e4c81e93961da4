using Probe.Checks;
using Probe.Targets;
using Probe.Verdicts;

namespace Probe.Tests.Verdicts;

public sealed class LastThroughputPassTests
{
    private static LastThroughputPass CreateSut() => new();

    [Test]
    public void Carry_RoundWithoutRates_GetsTheLastPassRatesAdded()
    {
        var sut = CreateSut();
        var pass = ResultsBuilder.Round().Throughput("int-1", TargetGroup.International, 900).Build();
        var round = ResultsBuilder.Round().Reachable("int-1", TargetGroup.International).Build();

        sut.Carry(pass);
        var judged = sut.Carry(round);

        Assert.That(judged.Count(r => r.Kind == CheckKind.Throughput), Is.EqualTo(1));
        Assert.That(judged.Count, Is.EqualTo(round.Count + 1));
    }

    [Test]
    public void Carry_NewPass_ReplacesTheOldRates()
    {
        var sut = CreateSut();
        sut.Carry(ResultsBuilder.Round().Throughput("int-1", TargetGroup.International, 900).Build());
        var second = ResultsBuilder.Round().Throughput("int-1", TargetGroup.International, 40).Build();

        Assert.That(sut.Carry(second), Is.SameAs(second));
        Assert.That(sut.Carry([]).Single().Kbps, Is.EqualTo(40));
    }

    [Test]
    public void Carry_NothingYet_ReturnsTheRoundAsItIs()
    {
        var round = ResultsBuilder.Round().Reachable("int-1", TargetGroup.International).Build();

        Assert.That(CreateSut().Carry(round), Is.SameAs(round));
    }
}
