using System.Net;
using Probe.Checks;
using Probe.Tests.Fixtures;

namespace Probe.Tests.Checks;

[Category("Integration")]
public sealed class Ipv6DnsTests
{
    private string _directory = null!;

    [SetUp]
    public void WriteKernelFiles() => _directory = Directory.CreateTempSubdirectory("probe-ipv6-").FullName;

    [TearDown]
    public void DeleteKernelFiles() => Directory.Delete(_directory, recursive: true);

    [Test]
    public async Task RunRound_ProbeHasIpv6_AsksAAndAaaaOverIpv6Resolver()
    {
        using var dns = DnsmasqServer.Start(IPAddress.IPv6Loopback, new DnsmasqOptions
        {
            Records = new Dictionary<string, string[]> { ["dual.test"] = ["127.1.0.1", "2001:db8::1"] },
        });
        var sut = TestChecker.Create(
            o =>
            {
                o.Resolvers = [TestChecker.Resolver("own", dns.ConfigAddress)];
                o.Checks.BogonAllow = ["127.0.0.0/8", "2001:db8::/32"];
            },
            Ipv6Paths());

        var results = await sut.RunRoundAsync([TestChecker.Host("dual", "dual.test")], CancellationToken.None);

        Assert.That(
            results.Where(r => r.Kind == CheckKind.Dns).Select(r => (r.QueryType, r.Ok, r.Answers.Single())),
            Is.EquivalentTo(new[] { ("A", true, "127.1.0.1"), ("AAAA", true, "2001:db8::1") }));
    }

    private SystemPaths Ipv6Paths()
    {
        var addresses = Path.Combine(_directory, "if_inet6");
        var routes = Path.Combine(_directory, "ipv6_route");
        File.WriteAllText(addresses, "2a010e0a000100020000000000000005 02 40 00 00     eth0\n");
        File.WriteAllText(routes, "00000000000000000000000000000000 00 00000000000000000000000000000000 00 fe800000000000000000000000000001 00000400 00000001 00000000 00000003     eth0\n");
        return TestChecker.NoSystem with { Ipv6Addresses = addresses, Ipv6Routes = routes };
    }
}
