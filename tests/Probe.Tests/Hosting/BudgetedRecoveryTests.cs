using Probe.Hosting;
using Probe.Verdicts;

namespace Probe.Tests.Hosting;

/// <summary>
/// The daemon's lanes at the default budget (30 MB) on a fake clock: after an international cut is lifted, online is
/// committed about as fast as the cut was (within 30 s), cut after cut, on the verdicts' own timestamps.
/// </summary>
public sealed class BudgetedRecoveryTests
{
    private static readonly TimeSpan Promise = TimeSpan.FromSeconds(30);

    [Test]
    public async Task Run_TenMinuteCutLiftedOnAFreshProbe_OnlineCommittedWithinThirtySeconds()
    {
        await using var sut = CreateSut();
        await sut.StartAsync(SentinelLane.LoopName, RoundScheduler.LoopName);
        await sut.RunUntilAsync(TimeSpan.FromSeconds(65));

        var (cut, online) = await PlayCutAsync(sut, TimeSpan.FromMinutes(10));

        Assert.Multiple(() =>
        {
            Assert.That(cut, Is.LessThanOrEqualTo(Promise), "the cut committed within 30 s");
            Assert.That(online, Is.LessThanOrEqualTo(Promise), $"online committed within 30 s of the lift; changes: {Changes(sut)}");
        });
    }

    [Test]
    public async Task Run_ThreeShortCutsInFiveMinutes_EachRecoveryCommittedWithinThirtySeconds()
    {
        await using var sut = CreateSut();
        await sut.StartAsync(SentinelLane.LoopName, RoundScheduler.LoopName);
        await sut.RunUntilAsync(TimeSpan.FromSeconds(65));

        var recoveries = new List<TimeSpan>();
        for (var i = 0; i < 3; i++)
        {
            var (_, online) = await PlayCutAsync(sut, TimeSpan.FromSeconds(40));
            recoveries.Add(online);
        }

        Assert.That(recoveries, Is.All.LessThanOrEqualTo(Promise), $"changes: {Changes(sut)}");
    }

    /// <summary>Cuts the international links for <paramref name="length"/>, then lifts them for a minute: how long each commit took.</summary>
    private static async Task<(TimeSpan Cut, TimeSpan Online)> PlayCutAsync(DaemonHarness sut, TimeSpan length)
    {
        var cutAt = sut.Time.GetUtcNow();
        sut.Checker.Network = NetworkState.InternationalCut;
        await sut.RunUntilAsync(sut.Elapsed + length);
        var liftedAt = sut.Time.GetUtcNow();
        sut.Checker.Network = NetworkState.Online;
        await sut.RunUntilAsync(sut.Elapsed + TimeSpan.FromMinutes(1));
        return (Since(sut, VerdictState.InternationalCut, cutAt), Since(sut, VerdictState.Online, liftedAt));
    }

    private static TimeSpan Since(DaemonHarness sut, VerdictState state, DateTimeOffset from) =>
        sut.Store.Changes.Where(c => c.Current.State == state && c.Clock.Wall >= from).Select(c => c.Clock.Wall - from).DefaultIfEmpty(TimeSpan.MaxValue).First();

    private static string Changes(DaemonHarness sut) =>
        string.Join(", ", sut.Store.Changes.Select(c => $"{c.Current.State.ToName()}@{(c.Clock.Wall - sut.Origin).TotalSeconds}"));

    private static DaemonHarness CreateSut() => new(options => options.Budget.DailyBytes = 30_000_000);
}
