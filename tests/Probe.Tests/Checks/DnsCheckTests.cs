using System.Net;
using Probe.Checks;
using Probe.Tests.Fixtures;

namespace Probe.Tests.Checks;

[Category("Integration")]
public sealed class DnsCheckTests
{
    private static readonly IPAddress ResolverAddress = IPAddress.Parse("127.0.0.53");

    [Test]
    public async Task RunRound_HonestResolver_NoerrorWithAnswers()
    {
        using var dns = DnsmasqServer.Start(ResolverAddress, new DnsmasqOptions { Records = new Dictionary<string, string[]> { ["site.test"] = ["127.1.0.1"] } });

        var result = await RunDnsAsync(dns, "site.test");

        Assert.Multiple(() =>
        {
            Assert.That(result.Ok, Is.True, result.Failure);
            Assert.That(result.Rcode, Is.EqualTo("NOERROR"));
            Assert.That(result.Answers, Is.EqualTo(new[] { "127.1.0.1" }));
            Assert.That(result.QueryType, Is.EqualTo("A"));
            Assert.That(result.Resolver, Is.EqualTo("own"));
            Assert.That(result.Phases.Dns, Is.GreaterThan(0));
        });
    }

    [Test]
    public async Task RunRound_NxdomainName_DnsNxdomainError()
    {
        using var dns = DnsmasqServer.Start(ResolverAddress, new DnsmasqOptions { NxDomains = ["gone.test"] });

        var result = await RunDnsAsync(dns, "gone.test");

        Assert.That((result.Failure, result.Rcode), Is.EqualTo((Failures.DnsNxdomain, "NXDOMAIN")));
    }

    [Test]
    public async Task RunRound_UnknownName_DnsRefusedError()
    {
        using var dns = DnsmasqServer.Start(ResolverAddress, new DnsmasqOptions());

        var result = await RunDnsAsync(dns, "unknown.test");

        Assert.That((result.Failure, result.Rcode), Is.EqualTo((Failures.DnsRefused, "REFUSED")));
    }

    [Test]
    public async Task RunRound_ServfailResolver_DnsServfailError()
    {
        using var dns = DnsmasqServer.Start(ResolverAddress, new DnsmasqOptions { Mode = DnsmasqMode.Servfail });

        var result = await RunDnsAsync(dns, "site.test");

        Assert.That((result.Failure, result.Rcode), Is.EqualTo((Failures.DnsServfail, "SERVFAIL")));
    }

    [Test]
    public async Task RunRound_SilentResolver_TimeoutAtDeadline()
    {
        using var dns = DnsmasqServer.Start(ResolverAddress, new DnsmasqOptions { Mode = DnsmasqMode.Silent });

        var result = await RunDnsAsync(dns, "site.test");

        Assert.Multiple(() =>
        {
            Assert.That(result.Failure, Is.EqualTo(Failures.GenericTimeout));
            Assert.That(result.Rcode, Is.Null);
            Assert.That(result.Ms, Is.InRange(TestChecker.Timeout.TotalMilliseconds * 0.9, TestChecker.Timeout.TotalMilliseconds + 1500));
        });
    }

    [Test]
    public async Task RunRound_NoResolverListening_TimeoutAtDeadline()
    {
        var sut = TestChecker.Create(o => o.Resolvers = [TestChecker.Resolver("own", $"127.0.0.53:{PortAllocator.Next(ResolverAddress)}")]);

        var results = await sut.RunRoundAsync([TestChecker.Host("t", "site.test")], CancellationToken.None);

        // DnsClient's UDP socket is not connected, so the ICMP port-unreachable goes unseen: the query times out.
        var result = results.Single(r => r.Kind == CheckKind.Dns);
        Assert.That(result.Failure, Is.EqualTo(Failures.GenericTimeout));
    }

    [Test]
    public async Task RunRound_PrivateAddressAnswer_DnsBogonError()
    {
        using var dns = DnsmasqServer.Start(ResolverAddress, new DnsmasqOptions { Records = new Dictionary<string, string[]> { ["lie.test"] = ["10.10.34.35"] } });

        var result = await RunDnsAsync(dns, "lie.test");

        Assert.Multiple(() =>
        {
            Assert.That(result.Failure, Is.EqualTo(Failures.DnsBogon));
            Assert.That(result.Answers, Is.EqualTo(new[] { "10.10.34.35" }));
        });
    }

    [Test]
    public async Task RunRound_OwnAndReferenceResolvers_EachAskedAndTcpUsesOwnAnswer()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Parse("127.1.0.7"), 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        using var own = DnsmasqServer.Start(ResolverAddress, new DnsmasqOptions { Records = new Dictionary<string, string[]> { ["site.test"] = ["127.1.0.7"] } });
        using var reference = DnsmasqServer.Start(IPAddress.Parse("127.0.0.54"), new DnsmasqOptions { Records = new Dictionary<string, string[]> { ["site.test"] = ["127.2.0.9"] } });
        var sut = TestChecker.Create(o => o.Resolvers = [TestChecker.Resolver("own", own.ConfigAddress), TestChecker.Resolver("ref", reference.ConfigAddress, reference: true)]);

        var results = await sut.RunRoundAsync([TestChecker.Host("site", "site.test", [port])], CancellationToken.None);

        var dns = results.Where(r => r.Kind == CheckKind.Dns).ToDictionary(r => r.Resolver!, r => r.Answers.Single());
        var tcp = results.Single(r => r.Kind == CheckKind.Tcp);
        Assert.Multiple(() =>
        {
            Assert.That(dns, Is.EqualTo(new Dictionary<string, string> { ["own"] = "127.1.0.7", ["ref"] = "127.2.0.9" }));
            Assert.That((tcp.Ok, tcp.Address, tcp.Resolver), Is.EqualTo((true, "127.1.0.7", "own")));
        });
    }

    [Test]
    public async Task RunRound_NameFailsToResolve_TcpCarriesDnsFailure()
    {
        using var dns = DnsmasqServer.Start(ResolverAddress, new DnsmasqOptions { NxDomains = ["gone.test"] });
        var sut = TestChecker.Create(o => o.Resolvers = [TestChecker.Resolver("own", dns.ConfigAddress)]);

        var results = await sut.RunRoundAsync([TestChecker.Url("gone", "https://gone.test/")], CancellationToken.None);

        Assert.That(results.Where(r => r.Kind != CheckKind.Gateway).Select(r => (r.Kind, r.Failure)), Is.EqualTo(new[]
        {
            (CheckKind.Dns, Failures.DnsNxdomain),
            (CheckKind.Tcp, Failures.DnsNxdomain),
            (CheckKind.Tls, Failures.DnsNxdomain),
            (CheckKind.Http, Failures.DnsNxdomain),
        }));
    }

    [Test]
    public async Task RunRound_GarbageReply_DnsServerMisbehaving()
    {
        // Flags say "response, NOERROR, one answer", then the message ends: a truncated, unparsable answer.
        using var garbage = GarbageResolver.Start(ResolverAddress, [0x81, 0x80, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0xff, 0xff]);

        var result = await RunDnsAsync(garbage.ConfigAddress, "site.test");

        Assert.That(result.Failure, Is.EqualTo(Failures.DnsServerMisbehaving));
    }

    private static Task<CheckResult> RunDnsAsync(DnsmasqServer dns, string host) => RunDnsAsync(dns.ConfigAddress, host);

    private static async Task<CheckResult> RunDnsAsync(string resolver, string host)
    {
        var sut = TestChecker.Create(o => o.Resolvers = [TestChecker.Resolver("own", resolver)]);
        var results = await sut.RunRoundAsync([TestChecker.Host("t", host)], CancellationToken.None);
        return results.Single(r => r.Kind == CheckKind.Dns);
    }
}
