using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Probe.Checks;
using Probe.Tests.Fakes;
using Probe.Tests.Fixtures;

namespace Probe.Tests.Checks;

[Category("Integration")]
public sealed class RoundTests
{
    [Test]
    public async Task RunRound_MixedTargets_GatewayFirstThenTargetsInOrderWithTheirSteps()
    {
        using var listener = new TcpListener(IPAddress.Parse("127.1.0.30"), 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        using var dns = DnsmasqServer.Start(IPAddress.Parse("127.0.0.53"), new DnsmasqOptions { Records = new Dictionary<string, string[]> { ["named.test"] = ["127.1.0.30"] } });
        var sut = TestChecker.Create(o => o.Resolvers = [TestChecker.Resolver("own", dns.ConfigAddress), TestChecker.Resolver("ref", dns.ConfigAddress, reference: true)]);

        var results = await sut.RunRoundAsync(
            [TestChecker.Host("named", "named.test", [port]), TestChecker.Host("literal", "127.1.0.30", [port, port])],
            CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(results.Select(r => (r.Target, r.Kind, r.Resolver)), Is.EqualTo(new[]
            {
                ("gateway", CheckKind.Gateway, (string?)null),
                ("named", CheckKind.Dns, "own"),
                ("named", CheckKind.Dns, "ref"),
                ("named", CheckKind.Tcp, "own"),
                ("literal", CheckKind.Tcp, null),
                ("literal", CheckKind.Tcp, null),
            }));
            Assert.That(results.All(r => r.Ok && r.Lane == Lane.Round), Is.True);
            Assert.That(results.Select(r => r.Clock.BootId).Distinct(), Is.EqualTo(new[] { new FakeProbeClock().BootId }));
        });
    }

    [Test]
    [Category("Drill")]
    public async Task RunRound_DroppedTargets_ConcurrencyBoundsTheRound()
    {
        using var ns = NetworkNamespace.Create();
        ns.ApplyNftables("""
            table inet drill {
              chain out {
                type filter hook output priority 0;
                ip daddr 127.1.0.40 tcp dport 9 drop
              }
            }
            """);
        var sut = TestChecker.Create(o => o.Schedule.MaxConcurrency = 2);
        var targets = Enumerable.Range(0, 4).Select(i => TestChecker.Host($"t{i}", "127.1.0.40", [9])).ToList();
        var clock = Stopwatch.StartNew();

        var results = await ns.InvokeAsync(() => sut.RunRoundAsync(targets, CancellationToken.None));

        // Four dropped connects, two at a time: two deadlines, not one (unbounded) and not four (serial).
        Assert.Multiple(() =>
        {
            Assert.That(results.Count(r => r.Failure == Failures.GenericTimeout), Is.EqualTo(4));
            Assert.That(clock.Elapsed, Is.InRange(TestChecker.Timeout * 2, TestChecker.Timeout * 3));
        });
    }
}
