using System.Net;
using Probe.Checks;
using Probe.Tests.Fixtures;

namespace Probe.Tests.Checks;

[Category("Integration")]
public sealed class TlsCheckTests
{
    private static readonly IPAddress Site = IPAddress.Parse("127.3.0.1");
    private static readonly IPAddress Rogue = IPAddress.Parse("127.3.0.2");
    private static readonly IPAddress Expired = IPAddress.Parse("127.3.0.3");
    private static readonly IPAddress Rejecting = IPAddress.Parse("127.3.0.4");
    private static TestCertificateAuthority _ca = null!;
    private static TestCertificateAuthority _rogueCa = null!;
    private static NginxServer _nginx = null!;
    private static int _port;

    [OneTimeSetUp]
    public static void StartServers()
    {
        _ca = TestCertificateAuthority.Create();
        _rogueCa = TestCertificateAuthority.Create("rogue");
        _port = PortAllocator.Next(Site);
        var past = DateTimeOffset.UtcNow.AddDays(-30);
        _nginx = NginxServer.Start(
        [
            new NginxSite(["platform.test"], Site, HttpsPort: _port, Certificate: _ca.Issue("platform", ["platform.test"])),
            new NginxSite(["platform.test"], Rogue, HttpsPort: _port, Certificate: _rogueCa.Issue("rogue", ["platform.test"])),
            new NginxSite(["platform.test"], Expired, HttpsPort: _port, Certificate: _ca.Issue("expired", ["platform.test"], past, past.AddDays(1))),
            new NginxSite(["platform.test"], Rejecting, HttpsPort: _port, RejectHandshake: true),
        ]);
    }

    [OneTimeTearDown]
    public static void StopServers()
    {
        _nginx?.Dispose();
        _rogueCa?.Dispose();
        _ca?.Dispose();
    }

    [Test]
    public async Task RunRound_TrustedCertificate_OkWithVersion()
    {
        var tls = await RunTlsAsync("platform.test", Site, _port);

        Assert.Multiple(() =>
        {
            Assert.That(tls.Ok, Is.True, tls.Failure);
            Assert.That(tls.TlsVersion, Is.EqualTo("TLSv1.3"));
            Assert.That(tls.Phases.Tls, Is.GreaterThan(0));
        });
    }

    [Test]
    public async Task RunRound_CertificateForAnotherName_SslInvalidHostname()
    {
        var tls = await RunTlsAsync("other.test", Site, _port);

        Assert.That(tls.Failure, Is.EqualTo(Failures.SslInvalidHostname));
    }

    [Test]
    public async Task RunRound_CertificateFromUnknownCa_SslUnknownAuthority()
    {
        var tls = await RunTlsAsync("platform.test", Rogue, _port);

        Assert.That(tls.Failure, Is.EqualTo(Failures.SslUnknownAuthority));
    }

    [Test]
    public async Task RunRound_ExpiredCertificate_SslInvalidCertificate()
    {
        var tls = await RunTlsAsync("platform.test", Expired, _port);

        Assert.That(tls.Failure, Is.EqualTo(Failures.SslInvalidCertificate));
    }

    [Test]
    public async Task RunRound_ServerRejectsHandshakeWithAlert_SslFailedHandshake()
    {
        var tls = await RunTlsAsync("platform.test", Rejecting, _port);

        Assert.That(tls.Failure, Is.EqualTo(Failures.SslFailedHandshake));
    }

    [Test]
    public async Task RunRound_ServerClosesAfterClientHello_EofError()
    {
        using var saboteur = TcpSaboteur.Start(IPAddress.Parse("127.3.0.5"), reset: false);

        var tls = await RunTlsAsync("platform.test", saboteur.EndPoint.Address, saboteur.EndPoint.Port);

        Assert.That(tls.Failure, Is.EqualTo(Failures.Eof));
    }

    [Test]
    public async Task RunRound_ServerResetsAfterClientHello_ConnectionReset()
    {
        using var saboteur = TcpSaboteur.Start(IPAddress.Parse("127.3.0.6"), reset: true);

        var tls = await RunTlsAsync("platform.test", saboteur.EndPoint.Address, saboteur.EndPoint.Port);

        Assert.That(tls.Failure, Is.EqualTo(Failures.ConnectionReset));
    }

    [Test]
    public async Task RunRound_ForgedCertificateAfterResumedSessions_StillSslUnknownAuthority()
    {
        var path = "/resumed";
        var site = $"https://platform.test:{_port}{path}";

        var first = await RunTlsAsync(site, Site);
        var second = await RunTlsAsync(site, Site);
        // A censor answering for the name cannot resume the real server's session: the full handshake shows its certificate.
        var forged = await RunTlsAsync(site, Rogue);

        var reused = File.ReadLines(_nginx.AccessLogPath).Where(l => l.EndsWith($"GET {path} HTTP/1.1", StringComparison.Ordinal))
            .Select(l => l.Split(' ')[1]).ToList();
        Assert.Multiple(() =>
        {
            Assert.That((first.Ok, second.Ok), Is.EqualTo((true, true)), second.Failure);
            // The second round resumed the first one's session: the evidence is sound only if resumption happens at all.
            Assert.That(reused, Is.EqualTo(new[] { ".", "r" }));
            Assert.That(forged.Failure, Is.EqualTo(Failures.SslUnknownAuthority));
        });
    }

    [Test]
    public async Task RunRound_TlsFailed_HttpCarriesTlsFailure()
    {
        var results = await RunAsync("other.test", Site, _port);

        Assert.That(results.Single(r => r.Kind == CheckKind.Http).Failure, Is.EqualTo(Failures.SslInvalidHostname));
    }

    private static async Task<CheckResult> RunTlsAsync(string host, IPAddress address, int port) =>
        (await RunAsync(host, address, port)).Single(r => r.Kind == CheckKind.Tls);

    private static async Task<CheckResult> RunTlsAsync(string url, IPAddress address)
    {
        var sut = TestChecker.Create(o => o.Checks.TrustedCaFile = _ca.CaPemPath);
        var results = await sut.RunRoundAsync([TestChecker.Url("p", url, address)], CancellationToken.None);
        return results.Single(r => r.Kind == CheckKind.Tls);
    }

    private static async Task<IReadOnlyList<CheckResult>> RunAsync(string host, IPAddress address, int port)
    {
        var sut = TestChecker.Create(o => o.Checks.TrustedCaFile = _ca.CaPemPath);
        return await sut.RunRoundAsync([TestChecker.Url("p", $"https://{host}:{port}/", address)], CancellationToken.None);
    }
}
