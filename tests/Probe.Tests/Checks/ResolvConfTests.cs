using System.Net;
using Probe.Checks;

namespace Probe.Tests.Checks;

public sealed class ResolvConfTests
{
    [Test]
    public void ParseNameservers_CommentsOptionsAndServers_ServersInOrderOnPort53()
    {
        const string text = "# generated\n; old\nsearch lan\nnameserver 192.168.1.1\nnameserver  ::1\noptions edns0\nnameserver fe80::1%eth0\n#nameserver 9.9.9.9\n";

        var servers = ResolvConf.ParseNameservers(text);

        Assert.Multiple(() =>
        {
            Assert.That(servers.Take(2).Select(s => s.ToString()), Is.EqualTo(new[] { "192.168.1.1:53", "[::1]:53" }));
            Assert.That(servers[2].Address.IsIPv6LinkLocal, Is.True);
        });
    }

    [Test]
    public void ParseNameservers_GarbageAddress_Skipped()
    {
        Assert.That(ResolvConf.ParseNameservers("nameserver not-an-address\nnameserver\n"), Is.Empty);
    }

    [TestCase("127.0.0.53", "127.0.0.53:53")]
    [TestCase("127.0.0.53:5353", "127.0.0.53:5353")]
    [TestCase("[::1]:5353", "[::1]:5353")]
    [TestCase("::1", "[::1]:53")]
    public void ParseAddress_Forms_EndpointWithDefaultPort(string address, string expected)
    {
        var servers = ResolverEndpoint.ParseAddress(address, () => "");

        Assert.That(servers!.Select(s => s.ToString()), Is.EqualTo(new[] { expected }));
    }

    [Test]
    public void ParseAddress_System_ReadsResolvConf()
    {
        var servers = ResolverEndpoint.ParseAddress("system", () => "nameserver 127.0.0.53\nnameserver 127.0.0.54\n");

        Assert.That(servers, Is.EqualTo(new[] { new IPEndPoint(IPAddress.Parse("127.0.0.53"), 53), new IPEndPoint(IPAddress.Parse("127.0.0.54"), 53) }));
    }

    [Test]
    public void ParseAddress_SystemWithoutNameserver_LoopbackLikeGlibc()
    {
        Assert.That(ResolverEndpoint.ParseAddress("system", () => ""), Is.EqualTo(new[] { new IPEndPoint(IPAddress.Loopback, 53) }));
    }

    [Test]
    public void ParseAddress_HostName_Null()
    {
        Assert.That(ResolverEndpoint.ParseAddress("dns.google", () => ""), Is.Null);
    }
}
