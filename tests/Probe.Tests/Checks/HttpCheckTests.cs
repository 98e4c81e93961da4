using System.Net;
using Probe.Checks;
using Probe.Tests.Fixtures;

namespace Probe.Tests.Checks;

[Category("Integration")]
public sealed class HttpCheckTests
{
    private static readonly IPAddress Site = IPAddress.Parse("127.2.0.1");
    private static TestCertificateAuthority _ca = null!;
    private static NginxServer _nginx = null!;
    private static DnsmasqServer _dns = null!;
    private static int _http;
    private static int _https;

    [OneTimeSetUp]
    public static void StartServers()
    {
        _ca = TestCertificateAuthority.Create();
        _http = PortAllocator.Next(Site);
        _https = PortAllocator.Next(Site);
        _nginx = NginxServer.Start([new NginxSite(["news.test"], Site, _http, _https, _ca.Issue("news", ["news.test"]))]);
        _dns = DnsmasqServer.Start(IPAddress.Parse("127.0.0.53"), new DnsmasqOptions { Records = new Dictionary<string, string[]> { ["news.test"] = [Site.ToString()] } });
    }

    [OneTimeTearDown]
    public static void StopServers()
    {
        _dns?.Dispose();
        _nginx?.Dispose();
        _ca?.Dispose();
    }

    [Test]
    public async Task RunRound_Http200_OkWithBodyAndPhases()
    {
        var http = await RunHttpAsync($"http://news.test:{_http}/");

        Assert.Multiple(() =>
        {
            Assert.That(http.Ok, Is.True, http.Failure);
            Assert.That((http.Status, http.Bytes), Is.EqualTo(((int?)200, (long?)"ok news.test\n".Length)));
            Assert.That((http.Address, http.Resolver), Is.EqualTo((Site.ToString(), "own")));
            Assert.That(http.Phases.Dns, Is.GreaterThan(0));
            Assert.That(http.Phases.Connect, Is.GreaterThan(0));
            Assert.That(http.Phases.Tls, Is.Null);
            Assert.That(http.Phases.Ttfb, Is.GreaterThan(0));
            Assert.That(http.Phases.Total, Is.GreaterThanOrEqualTo(http.Phases.Ttfb!.Value));
        });
    }

    [Test]
    public async Task RunRound_Https200_OkWithTlsPhase()
    {
        var http = await RunHttpAsync($"https://news.test:{_https}/");

        Assert.Multiple(() =>
        {
            Assert.That(http.Ok, Is.True, http.Failure);
            Assert.That(http.Status, Is.EqualTo(200));
            Assert.That(http.Phases.Tls, Is.GreaterThan(0));
        });
    }

    [Test]
    public async Task RunRound_RedirectChainWithinLimit_FollowedTo200()
    {
        var http = await RunHttpAsync($"http://news.test:{_http}/redirect/3", maxRedirects: 3);

        Assert.That((http.Ok, http.Status), Is.EqualTo((true, (int?)200)), http.Failure);
    }

    [Test]
    public async Task RunRound_RedirectChainBeyondLimit_HttpRequestFailed()
    {
        var http = await RunHttpAsync($"http://news.test:{_http}/redirect/4", maxRedirects: 3);

        Assert.That((http.Failure, http.Status), Is.EqualTo((Failures.HttpRequestFailed, (int?)302)));
    }

    [Test]
    public async Task RunRound_RedirectLoop_StoppedAtLimit()
    {
        var http = await RunHttpAsync($"http://news.test:{_http}/loop");

        Assert.Multiple(() =>
        {
            Assert.That((http.Failure, http.Status), Is.EqualTo((Failures.HttpRequestFailed, (int?)302)));
            Assert.That(http.Ms, Is.LessThan(TestChecker.Timeout.TotalMilliseconds));
        });
    }

    [Test]
    public async Task RunRound_OneGigabyteBody_ReadOnlyToLimit()
    {
        var http = await RunHttpAsync($"http://news.test:{_http}/big", bodyLimit: 65536);

        Assert.Multiple(() =>
        {
            Assert.That((http.Ok, http.Status, http.Bytes), Is.EqualTo((true, (int?)200, (long?)65536)), http.Failure);
            Assert.That(http.Ms, Is.LessThan(TestChecker.Timeout.TotalMilliseconds));
        });
    }

    [Test]
    public async Task RunRound_OneBytePerSecond_StoppedAtDeadline()
    {
        var http = await RunHttpAsync($"http://news.test:{_http}/slow");

        Assert.Multiple(() =>
        {
            // nginx's limit_rate paces the headers too, so the deadline may come before any status.
            Assert.That(http.Failure, Is.EqualTo(Failures.GenericTimeout));
            Assert.That(http.Ms, Is.InRange(TestChecker.Timeout.TotalMilliseconds * 0.9, TestChecker.Timeout.TotalMilliseconds + 1000));
        });
    }

    [Test]
    public async Task RunRound_HeadersOverLimit_HttpRequestFailed()
    {
        var http = await RunHttpAsync($"http://news.test:{_http}/huge-headers");

        Assert.That((http.Failure, http.Status), Is.EqualTo((Failures.HttpRequestFailed, (int?)null)));
    }

    [Test]
    public async Task RunRound_NotFound_HttpUnexpectedStatusCode()
    {
        var http = await RunHttpAsync($"http://news.test:{_http}/status/404");

        Assert.That((http.Failure, http.Status), Is.EqualTo((Failures.HttpUnexpectedStatusCode, (int?)404)));
    }

    [TestCase(true, "connection_reset")]
    [TestCase(false, "eof_error")]
    public async Task RunRound_ServerDropsConnectionAfterRequest_Classified(bool reset, string expected)
    {
        using var saboteur = TcpSaboteur.Start(IPAddress.Parse("127.2.0.2"), reset);
        var sut = TestChecker.Create();
        var target = TestChecker.Url("plain", $"http://plain.test:{saboteur.EndPoint.Port}/", saboteur.EndPoint.Address);

        var results = await sut.RunRoundAsync([target], CancellationToken.None);

        var http = results.Single(r => r.Kind == CheckKind.Http);
        Assert.That((http.Failure, http.Status), Is.EqualTo((expected, (int?)null)));
    }

    private static async Task<CheckResult> RunHttpAsync(string url, int maxRedirects = 5, int bodyLimit = 65536)
    {
        var sut = TestChecker.Create(o =>
        {
            o.Resolvers = [TestChecker.Resolver("own", _dns.ConfigAddress)];
            o.Checks.TrustedCaFile = _ca.CaPemPath;
            o.Checks.MaxRedirects = maxRedirects;
            o.Checks.HttpBodyLimitBytes = bodyLimit;
        });
        var results = await sut.RunRoundAsync([TestChecker.Url("news", url)], CancellationToken.None);
        return results.Single(r => r.Kind == CheckKind.Http);
    }
}
