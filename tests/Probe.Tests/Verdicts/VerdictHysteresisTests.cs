using Probe.Verdicts;
using static Probe.Verdicts.VerdictState;

namespace Probe.Tests.Verdicts;

public sealed class VerdictHysteresisTests
{
    private static readonly Verdict WhatsappBlocked = new(PlatformBlock, [new Finding(PlatformBlock, "whatsapp", ["wa"], "connection_reset", "tls")]);
    private static readonly Verdict WhatsappAndTiktokBlocked = new(PlatformBlock, [.. WhatsappBlocked.Findings, new Finding(PlatformBlock, "tiktok", ["tt"], "connection_reset", "tls")]);

    public static IEnumerable<TestCaseData> Sequences()
    {
        // Each step: the state evaluated, and the change committed after it ("-" for none).
        yield return Case("two rounds commit the first state", 2, "online:-", "online:unknown->online");
        yield return Case("one round is not enough", 2, "online:-");
        yield return Case("a single odd round changes nothing", 2, "online:-", "online:unknown->online", "full_shutdown:-", "online:-", "online:-");
        yield return Case("a cut held twice is committed", 2, "online:-", "online:unknown->online", "full_shutdown:-", "full_shutdown:online->full_shutdown");
        yield return Case("alternating candidates never commit", 2, "online:-", "online:unknown->online", "full_shutdown:-", "international_cut:-", "full_shutdown:-", "international_cut:-");
        yield return Case("three rounds to confirm", 3, "local_fault:-", "local_fault:-", "local_fault:unknown->local_fault");
        yield return Case("confirm 1 commits at once", 1, "online:unknown->online", "degraded:online->degraded", "degraded:-");
    }

    [TestCaseSource(nameof(Sequences))]
    public void Observe_Sequence_CommitsOnlyConfirmedChanges(int confirmRounds, string[] steps)
    {
        var sut = CreateSut(confirmRounds);
        var seen = new List<string>();

        foreach (var step in steps)
        {
            var state = step.Split(':')[0];
            Assert.That(VerdictStateNames.TryParse(state, out var parsed), Is.True, state);
            var change = sut.Observe(new Verdict(parsed, []), ResultsBuilder.Clock);
            seen.Add($"{state}:{(change is null ? "-" : $"{change.Previous.ToName()}->{change.Current.State.ToName()}")}");
        }

        Assert.That(seen, Is.EqualTo(steps));
    }

    [Test]
    public void Observe_SecondPlatformBlockedUnderSameHeadline_IsAChange()
    {
        var sut = CreateSut(2);
        sut.Observe(WhatsappBlocked, ResultsBuilder.Clock);
        sut.Observe(WhatsappBlocked, ResultsBuilder.Clock);

        var first = sut.Observe(WhatsappAndTiktokBlocked, ResultsBuilder.Clock);
        var second = sut.Observe(WhatsappAndTiktokBlocked, ResultsBuilder.Clock);

        Assert.Multiple(() =>
        {
            Assert.That(first, Is.Null);
            Assert.That(second?.Current, Is.SameAs(WhatsappAndTiktokBlocked));
            Assert.That(second?.Previous, Is.EqualTo(PlatformBlock));
            Assert.That(sut.Committed, Is.SameAs(WhatsappAndTiktokBlocked));
        });
    }

    [Test]
    public void Observe_DifferentTargetsSameFindings_NotAChange()
    {
        var sut = CreateSut(1);
        sut.Observe(new Verdict(Degraded, [new Finding(Degraded, null, ["a", "b"], null)]), ResultsBuilder.Clock);

        var change = sut.Observe(new Verdict(Degraded, [new Finding(Degraded, null, ["c", "d"], null)]), ResultsBuilder.Clock);

        Assert.That(change, Is.Null);
    }

    [Test]
    public void HasPending_WhileACandidateWaits_True()
    {
        var sut = CreateSut(2);

        sut.Observe(new Verdict(Online, []), ResultsBuilder.Clock);
        var pending = sut.HasPending;
        sut.Observe(new Verdict(Online, []), ResultsBuilder.Clock);

        Assert.Multiple(() =>
        {
            Assert.That(pending, Is.True);
            Assert.That(sut.HasPending, Is.False);
        });
    }

    [Test]
    public void Observe_CommittedChange_CarriesTheClock()
    {
        var sut = CreateSut(1);

        var change = sut.Observe(new Verdict(Online, []), ResultsBuilder.Clock);

        Assert.That(change?.Clock, Is.SameAs(ResultsBuilder.Clock));
    }

    private static VerdictHysteresis CreateSut(int confirmRounds) => new(confirmRounds);

    private static TestCaseData Case(string name, int confirmRounds, params string[] steps) =>
        new TestCaseData(confirmRounds, steps).SetArgDisplayNames(name);
}
