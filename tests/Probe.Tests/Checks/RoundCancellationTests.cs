using System.Net;
using Probe.Checks;
using Probe.Tests.Fixtures;

namespace Probe.Tests.Checks;

[Category("Integration")]
public sealed class RoundCancellationTests
{
    [Test]
    public async Task RunRoundAsync_CancelledMidRound_ReturnsTheTargetsAlreadyMeasured()
    {
        // "slow" waits on a silent resolver until the deadline; "fast" is pinned and refused at once.
        using var dns = DnsmasqServer.Start(IPAddress.Parse("127.0.0.53"), new DnsmasqOptions { Mode = DnsmasqMode.Silent });
        var sut = TestChecker.Create(o =>
        {
            o.Checks.Timeout = TimeSpan.FromSeconds(5);
            o.Resolvers = [TestChecker.Resolver("own", dns.ConfigAddress)];
        });
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(1));

        var results = await sut.RunRoundAsync(
            [TestChecker.Host("slow", "slow.test", ports: [443]), TestChecker.Host("fast", "127.0.0.1", ports: [1], addresses: [IPAddress.Loopback])],
            stop.Token);

        Assert.Multiple(() =>
        {
            Assert.That(results.Select(r => r.Target).Distinct(), Is.EquivalentTo(new[] { "gateway", "fast" }));
            Assert.That(results.Single(r => r.Target == "fast" && r.Kind == CheckKind.Tcp).Failure, Is.EqualTo(Failures.ConnectionRefused));
        });
    }
}
