using System.Net;
using System.Net.Sockets;
using Probe.Checks;
using Probe.Tests.Fixtures;

namespace Probe.Tests.Checks;

[Category("Integration")]
public sealed class TcpCheckTests
{
    private static readonly IPAddress Server = IPAddress.Parse("127.1.0.20");

    [Test]
    public async Task RunRound_Listening_Ok()
    {
        using var listener = new TcpListener(Server, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;

        var tcp = await RunTcpAsync(TestChecker.Create(), port);

        Assert.Multiple(() =>
        {
            Assert.That(tcp.Ok, Is.True, tcp.Failure);
            Assert.That((tcp.Address, tcp.Port), Is.EqualTo((Server.ToString(), (int?)port)));
            Assert.That(tcp.Phases.Connect, Is.GreaterThan(0));
        });
    }

    [Test]
    public async Task RunRound_NothingListening_ConnectionRefused()
    {
        var port = PortAllocator.Next(Server);

        var tcp = await RunTcpAsync(TestChecker.Create(), port);

        Assert.That(tcp.Failure, Is.EqualTo(Failures.ConnectionRefused));
    }

    [Test]
    [Category("Drill")]
    public async Task RunRound_SynDroppedByNftables_TimeoutAtDeadline()
    {
        using var ns = NetworkNamespace.Create();
        ns.ApplyNftables(DropRules("drop"));
        var sut = TestChecker.Create();

        var tcp = await ns.InvokeAsync(() => RunTcpAsync(sut, 9));

        Assert.Multiple(() =>
        {
            Assert.That(tcp.Failure, Is.EqualTo(Failures.GenericTimeout));
            Assert.That(tcp.Ms, Is.InRange(TestChecker.Timeout.TotalMilliseconds * 0.9, TestChecker.Timeout.TotalMilliseconds + 1500));
        });
    }

    [Test]
    [Category("Drill")]
    public async Task RunRound_SynAnsweredWithResetByNftables_ConnectionRefused()
    {
        // A RST in answer to a SYN is what the kernel reports as ECONNREFUSED: the same word as a closed port.
        using var ns = NetworkNamespace.Create();
        ns.ApplyNftables(DropRules("reject with tcp reset"));
        var sut = TestChecker.Create();

        var tcp = await ns.InvokeAsync(() => RunTcpAsync(sut, 9));

        Assert.That(tcp.Failure, Is.EqualTo(Failures.ConnectionRefused));
    }

    [Test]
    public async Task RunSentinels_ListeningAndRefused_GatewayThenOneTcpEach()
    {
        using var listener = new TcpListener(Server, 0);
        listener.Start();
        var open = ((IPEndPoint)listener.LocalEndpoint).Port;
        var closed = PortAllocator.Next(Server);
        var sut = TestChecker.Create();

        var results = await sut.RunSentinelsAsync(
            [TestChecker.Host("up", "up.test", [open], [Server], sentinel: true), TestChecker.Host("down", "down.test", [closed], [Server], sentinel: true)],
            CancellationToken.None);

        Assert.That(results.Select(r => (r.Kind, r.Target, r.Lane, r.Failure)), Is.EqualTo(new[]
        {
            (CheckKind.Gateway, "gateway", Lane.Sentinel, (string?)null),
            (CheckKind.Tcp, "up", Lane.Sentinel, null),
            (CheckKind.Tcp, "down", Lane.Sentinel, Failures.ConnectionRefused),
        }));
    }

    [Test]
    [Category("Drill")]
    public async Task RunRound_ConnectOnlyCheck_ClosedWithResetNotFin()
    {
        using var ns = NetworkNamespace.Create();
        var closes = CloseCounters.Apply(ns, Server, 9);
        using var listener = ns.Invoke(() =>
        {
            var l = new TcpListener(Server, 9);
            l.Start();
            return l;
        });
        var sut = TestChecker.Create();

        var tcp = await ns.InvokeAsync(() => RunTcpAsync(sut, 9));

        var (resets, fins) = closes.Read();
        Assert.Multiple(() =>
        {
            Assert.That(tcp.Ok, Is.True, tcp.Failure);
            Assert.That((resets, fins), Is.EqualTo((1L, 0L)), "RST and FIN segments sent");
        });
    }

    [Test]
    public async Task RunSentinels_AfterRound_ConnectToRoundAddressWithoutAskingDns()
    {
        using var listener = new TcpListener(Server, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var target = TestChecker.Host("named", "named.test", [port], sentinel: true);
        var dns = DnsmasqServer.Start(IPAddress.Parse("127.0.0.53"), new DnsmasqOptions { Records = new Dictionary<string, string[]> { ["named.test"] = [Server.ToString()] } });
        var sut = TestChecker.Create(o => o.Resolvers = [TestChecker.Resolver("own", dns.ConfigAddress)]);
        var round = await sut.RunRoundAsync([target], CancellationToken.None);
        // From here on the resolver is gone: only the round's address can make the sentinel's connect work.
        dns.Dispose();

        var tcp = (await sut.RunSentinelsAsync([target], CancellationToken.None)).Single(r => r.Kind == CheckKind.Tcp);

        Assert.Multiple(() =>
        {
            Assert.That(round.Single(r => r.Kind == CheckKind.Tcp).Ok, Is.True);
            Assert.That((tcp.Ok, tcp.Address, tcp.Resolver, tcp.Phases.Dns), Is.EqualTo((true, Server.ToString(), "own", (double?)null)), tcp.Failure);
        });
    }

    [Test]
    public async Task RunSentinels_RoundCouldNotResolve_SentinelResolvesAndReportsDnsFailure()
    {
        var target = TestChecker.Host("named", "named.test", [PortAllocator.Next(Server)], sentinel: true);
        var sut = TestChecker.Create();
        await sut.RunRoundAsync([target], CancellationToken.None);

        var tcp = (await sut.RunSentinelsAsync([target], CancellationToken.None)).Single(r => r.Kind == CheckKind.Tcp);

        Assert.That((tcp.Failure, tcp.Phases.Dns), Is.EqualTo((Failures.DnsRefused, (double?)tcp.Ms)));
    }

    private static string DropRules(string verdict) => $$"""
        table inet drill {
          chain out {
            type filter hook output priority 0;
            ip daddr 127.1.0.20 tcp dport 9 {{verdict}}
          }
        }
        """;

    private static async Task<CheckResult> RunTcpAsync(ProbeChecker sut, int port)
    {
        var results = await sut.RunRoundAsync([TestChecker.Host("t", "t.test", [port], [Server])], CancellationToken.None);
        return results.Single(r => r.Kind == CheckKind.Tcp);
    }
}
