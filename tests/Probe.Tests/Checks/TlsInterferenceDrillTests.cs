using System.Net;
using Probe.Checks;
using Probe.Tests.Fixtures;

namespace Probe.Tests.Checks;

/// <summary>The June 2023 block, replayed: the TCP handshake passes, the ClientHello is answered with a RST.</summary>
[Category("Integration")]
[Category("Drill")]
public sealed class TlsInterferenceDrillTests
{
    [Test]
    public async Task RunRound_ClientHelloResetByNftables_TcpOkTlsConnectionReset()
    {
        using var ns = NetworkNamespace.Create();
        using var ca = TestCertificateAuthority.Create();
        var address = IPAddress.Parse("127.3.0.1");
        using var nginx = NginxServer.Start([new NginxSite(["platform.test"], address, HttpsPort: 443, Certificate: ca.Issue("platform", ["platform.test"]))], ns);
        // Segments carrying data (longer than a bare ACK) towards the platform: the ClientHello is the first.
        ns.ApplyNftables("""
            table inet drill {
              chain out {
                type filter hook output priority 0;
                ip daddr 127.3.0.1 tcp dport 443 ip length > 100 reject with tcp reset
              }
            }
            """);
        var sut = TestChecker.Create(o =>
        {
            o.Checks.TrustedCaFile = ca.CaPemPath;
            o.Resolvers = [TestChecker.Resolver("own", "127.0.0.1:1")];
        });
        var target = TestChecker.Url("platform", "https://platform.test/", address);

        var results = await ns.InvokeAsync(() => sut.RunRoundAsync([target], CancellationToken.None));

        Assert.That(results.Where(r => r.Kind is CheckKind.Tcp or CheckKind.Tls or CheckKind.Http).Select(r => (r.Kind, r.Failure)), Is.EqualTo(new[]
        {
            (CheckKind.Tcp, (string?)null),
            (CheckKind.Tls, Failures.ConnectionReset),
            (CheckKind.Http, Failures.ConnectionReset),
        }));
    }
}
