using System.Diagnostics;
using Probe.Checks;
using Probe.Tests.Fixtures;

namespace Probe.Tests.Checks;

/// <summary>A probe with no network at all must finish a round fast and say what it saw, never hang.</summary>
[Category("Integration")]
[Category("Drill")]
public sealed class NoNetworkDrillTests
{
    [Test]
    public async Task RunRound_NoNetworkAtAll_EveryCheckFailsFastWithoutHanging()
    {
        using var ns = NetworkNamespace.Create(loopbackUp: false);
        var sut = TestChecker.Create(o =>
        {
            o.Gateway.Address = "127.0.0.1";
            o.Resolvers = [TestChecker.Resolver("own", "127.0.0.53")];
            o.Schedule.MaxConcurrency = 4;
        });
        var targets = Enumerable.Range(0, 12).Select(i => TestChecker.Url($"t{i}", $"https://site{i}.test/")).ToList();
        var clock = Stopwatch.StartNew();

        var results = await ns.InvokeAsync(() => sut.RunRoundAsync(targets, CancellationToken.None));

        Assert.Multiple(() =>
        {
            Assert.That(clock.Elapsed, Is.LessThan(TestChecker.Timeout + TimeSpan.FromSeconds(1)));
            Assert.That(results.Select(r => r.Failure).Distinct(), Is.EqualTo(new[] { Failures.NetworkUnreachable }));
            Assert.That(results, Has.Count.EqualTo(1 + (12 * 4)));
        });
    }
}
