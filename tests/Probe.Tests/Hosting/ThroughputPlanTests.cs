using System.Net;
using Microsoft.Extensions.Time.Testing;
using Probe.Hosting;
using Probe.Targets;
using Probe.Verdicts;

namespace Probe.Tests.Hosting;

public sealed class ThroughputPlanTests
{
    private static readonly Verdict Online = new(VerdictState.Online, []);
    private static readonly Verdict Slow = new(VerdictState.Degraded, [new Finding(VerdictState.Degraded, null, ["a", "b"], null)]);
    private static readonly Verdict Throttled = new(VerdictState.Degraded, [new Finding(VerdictState.Degraded, "tiktok", ["tiktok-cdn"], null, "throughput", How: "throttling", Ratio: 0.01)]);

    private static readonly IReadOnlyList<Target> Targets =
    [
        new("google", "www.google.com", new Uri("https://www.google.com/"), TargetGroup.International, null, [443], Array.Empty<IPAddress>(), false, "test") { Throughput = true },
        new("seneweb", "www.seneweb.com", new Uri("https://www.seneweb.com/"), TargetGroup.National, null, [443], Array.Empty<IPAddress>(), false, "test"),
    ];

    private FakeTimeProvider _time = null!;

    [SetUp]
    public void CreateTime() => _time = new FakeTimeProvider();

    private ThroughputPlan CreateSut() => new(_time);

    /// <summary>Runs one 5-minute round: whether it was a pass.</summary>
    private static bool Round(ThroughputPlan sut, Verdict verdict)
    {
        var pass = sut.ForRound(Targets).Any(t => t.Throughput);
        sut.AfterRound(verdict);
        return pass;
    }

    [Test]
    public void ForRound_FirstRoundThenEverySixHours_PassesOnlyThen()
    {
        var sut = CreateSut();
        var passes = new List<int>();

        for (var minute = 0; minute < 24 * 60; minute += 5)
        {
            if (Round(sut, Online))
            {
                passes.Add(minute);
            }

            _time.Advance(TimeSpan.FromMinutes(5));
        }

        Assert.That(passes, Is.EqualTo(new[] { 0, 360, 720, 1080 }));
    }

    [Test]
    public void ForRound_NotAPass_ClearsTheMarkAndKeepsTheRest()
    {
        var sut = CreateSut();
        Round(sut, Online);
        _time.Advance(TimeSpan.FromMinutes(5));

        var round = sut.ForRound(Targets);

        Assert.That(round.Select(t => (t.Name, t.Throughput, t.Url)), Is.EqualTo(new[] { ("google", false, Targets[0].Url), ("seneweb", false, Targets[1].Url) }));
    }

    [Test]
    public void ForRound_AfterLatencyAnomaly_PassesOnceTheGapHasRunThenWaits()
    {
        var sut = CreateSut();
        Round(sut, Online);
        _time.Advance(TimeSpan.FromMinutes(30));
        var tooSoon = Round(sut, Slow);
        var stillTooSoon = Round(sut, Slow);
        _time.Advance(TimeSpan.FromMinutes(30));

        var due = Round(sut, Slow);
        var next = Round(sut, Slow);

        Assert.That((tooSoon, stillTooSoon, due, next), Is.EqualTo((false, false, true, false)));
    }

    [Test]
    public void ForRound_ThrottlingSeenByAPass_OneImmediateConfirmationOnly()
    {
        var sut = CreateSut();
        var first = Round(sut, Throttled);
        var confirmation = Round(sut, Throttled);
        var carried = Round(sut, Throttled);

        Assert.That((first, confirmation, carried), Is.EqualTo((true, true, false)));
    }

    [Test]
    public void ForRound_AnomaliesAllDay_AtMostFourExtraPassesADay()
    {
        var sut = CreateSut();
        var passes = 0;

        for (var minute = 0; minute < 24 * 60; minute += 5)
        {
            passes += Round(sut, Slow) ? 1 : 0;
            _time.Advance(TimeSpan.FromMinutes(5));
        }

        Assert.That(passes, Is.EqualTo(4 + ThroughputPlan.DefaultExtraPerDay));
    }

    [Test]
    public void For_ScheduleInterval_PassesAtThatIntervalExtrasASixthApart()
    {
        var sut = ThroughputPlan.For(new ScheduleOptions { ThroughputInterval = TimeSpan.FromHours(12) }, _time);

        Assert.That((sut.Interval, sut.MinGap), Is.EqualTo((TimeSpan.FromHours(12), TimeSpan.FromHours(2))));
    }

    [Test]
    public void ForRound_NoThroughputTargets_ReturnsTheListAsItIs()
    {
        var sut = CreateSut();
        IReadOnlyList<Target> plain = [Targets[1]];

        Assert.That(sut.ForRound(plain), Is.SameAs(plain));
    }
}
