using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Probe.Checks;
using Probe.Tests.Fixtures;

namespace Probe.Tests.Checks;

/// <summary>
/// A URL target's tcp, tls and http checks share one connection: nginx numbers every connection it accepts
/// (<c>$connection</c> in its access log), so the numbers of two rounds' GETs tell how many connections a round opened.
/// </summary>
[Category("Integration")]
public sealed class SharedConnectionTests
{
    private const long MaxServedBytes = 8_000; // measured: 4.6 KB; 8.7 KB with a 16 KiB window at connect, 24.8 KB never narrowed
    private static readonly IPAddress Site = IPAddress.Parse("127.2.0.40");
    private static TestCertificateAuthority _ca = null!;
    private static NginxServer _nginx = null!;
    private static int _http;
    private static int _https;

    [OneTimeSetUp]
    public static void StartServers()
    {
        _ca = TestCertificateAuthority.Create();
        _http = PortAllocator.Next(Site);
        _https = PortAllocator.Next(Site);
        _nginx = NginxServer.Start([new NginxSite(["shared.test"], Site, _http, _https, _ca.Issue("shared", ["shared.test"]))]);
    }

    [OneTimeTearDown]
    public static void StopServers()
    {
        _nginx?.Dispose();
        _ca?.Dispose();
    }

    [TestCase("https")]
    [TestCase("http")]
    public async Task RunRound_UrlTarget_TcpTlsAndHttpOnOneConnection(string scheme)
    {
        var path = $"/{scheme}-one";
        var url = $"{scheme}://shared.test:{(scheme == "https" ? _https : _http)}{path}";

        var first = await RunAsync(url);
        var second = await RunAsync(url);

        var connections = Connections(path);
        Assert.Multiple(() =>
        {
            Assert.That(first.Concat(second).Where(r => r.Kind is CheckKind.Tcp or CheckKind.Tls or CheckKind.Http).Select(r => (r.Kind, r.Ok)).Distinct(),
                Is.EqualTo(scheme == "https"
                    ? new[] { (CheckKind.Tcp, true), (CheckKind.Tls, true), (CheckKind.Http, false) }
                    : new[] { (CheckKind.Tcp, true), (CheckKind.Http, false) }));
            Assert.That(first.Single(r => r.Kind == CheckKind.Http).Status, Is.EqualTo(404));
            // One GET per round, and the second round's came on the very next connection nginx accepted.
            Assert.That(connections, Has.Count.EqualTo(2));
            Assert.That(connections[1] - connections[0], Is.EqualTo(1));
        });
    }

    [Test]
    public async Task RunRound_SameOriginRedirects_FollowedOnTheSameConnection()
    {
        var results = await RunAsync($"https://shared.test:{_https}/redirect/2");

        var hops = File.ReadLines(_nginx.AccessLogPath).Where(l => l.Contains(" /redirect/", StringComparison.Ordinal) || l.EndsWith("GET / HTTP/1.1", StringComparison.Ordinal)).ToList();
        var numbers = hops.TakeLast(3).Select(l => long.Parse(l.Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(results.Single(r => r.Kind == CheckKind.Http).Status, Is.EqualTo(200));
            // The tls check's connection carried the first GET and, kept alive, the redirects to the same origin.
            Assert.That(numbers, Is.EqualTo(new[] { numbers[0], numbers[0], numbers[0] }));
        });
    }

    [Test]
    public async Task RunRound_RedirectToHttpsOrigin_NewConnectionSecuredAndTimed()
    {
        var http = (await RunAsync($"http://shared.test:{_http}/to-https")).Single(r => r.Kind == CheckKind.Http);

        var lines = File.ReadLines(_nginx.AccessLogPath).ToList();
        var redirect = lines.FindLastIndex(l => l.EndsWith("GET /to-https HTTP/1.1", StringComparison.Ordinal));
        Assert.Multiple(() =>
        {
            Assert.That((http.Ok, http.Status), Is.EqualTo((true, (int?)200)), http.Failure);
            Assert.That(http.Phases.Tls, Is.GreaterThan(0));
            Assert.That(lines[redirect + 1], Does.EndWith("GET / HTTP/1.1"));
            Assert.That(lines[redirect + 1].Split(' ')[0], Is.Not.EqualTo(lines[redirect].Split(' ')[0]));
        });
    }

    [Test]
    public async Task RunRound_CompressiblePage_BytesAreTheCompressedBodyOnTheWire()
    {
        var http = (await RunAsync($"https://shared.test:{_https}/page")).Single(r => r.Kind == CheckKind.Http);

        Assert.Multiple(() =>
        {
            Assert.That((http.Ok, http.Status), Is.EqualTo((true, (int?)200)), http.Failure);
            Assert.That(http.Bytes, Is.InRange(1, NginxServer.PageBytes / 4));
        });
    }

    [Test]
    [Category("Drill")]
    public async Task RunRound_BodyOverLimit_ConnectionResetWithoutFin()
    {
        using var ns = NetworkNamespace.Create();
        var address = IPAddress.Parse("127.2.0.41");
        using var nginx = NginxServer.Start([new NginxSite(["big.test"], address, HttpPort: 80)], ns);
        var closes = CloseCounters.Apply(ns, address, 80);
        var sut = TestChecker.Create(o => o.Checks.HttpBodyLimitBytes = 65536);

        var results = await ns.InvokeAsync(() => sut.RunRoundAsync([TestChecker.Url("big", "http://big.test/big", address)], CancellationToken.None));

        var http = results.Single(r => r.Kind == CheckKind.Http);
        var (resets, fins) = closes.Read();
        Assert.Multiple(() =>
        {
            Assert.That((http.Ok, http.Bytes), Is.EqualTo((true, (long?)65536)), http.Failure);
            // The probe stopped the 1 GiB body with one reset, not a polite FIN the server would answer with more data.
            Assert.That((resets, fins), Is.EqualTo((1L, 0L)), "RST and FIN segments sent");
        });
    }

    // Plain http: under TLS a server's first record (nginx: 16 KiB) must arrive whole before any byte can be read.
    [TestCase("http", 80)]
    [Category("Drill")]
    public async Task RunRound_SmallBodyLimit_ServerSendsLittleMoreThanTheLimit(string scheme, int port)
    {
        using var ns = NetworkNamespace.Create();
        var address = IPAddress.Parse("127.2.0.42");
        using var nginx = NginxServer.Start([new NginxSite(["big.test"], address, HttpPort: 80, HttpsPort: 443, Certificate: _ca.Issue("big", ["big.test"]))], ns);
        ns.ApplyNftables("""
            table inet drill {
              counter served {}
              chain out {
                type filter hook output priority 0;
                ip saddr 127.2.0.42 counter name served
              }
            }
            """);
        var sut = TestChecker.Create(o =>
        {
            o.Checks.HttpBodyLimitBytes = 1024;
            o.Checks.TrustedCaFile = _ca.CaPemPath;
        });

        var results = await ns.InvokeAsync(() => sut.RunRoundAsync([TestChecker.Url("big", $"{scheme}://big.test:{port}/big", address)], CancellationToken.None));

        var http = results.Single(r => r.Kind == CheckKind.Http);
        var served = long.Parse(Regex.Match(ns.Run("nft", "nftables", "list", "counter", "inet", "drill", "served"), @"bytes (\d+)").Groups[1].Value, CultureInfo.InvariantCulture);
        Assert.Multiple(() =>
        {
            Assert.That((http.Ok, http.Bytes), Is.EqualTo((true, (long?)1024)), http.Failure);
            // Handshakes, headers, the 1 KiB read and what the small window let through before the reset; not the
            // 16 KiB or more a connection opened with the default window lets a server push.
            Assert.That(served, Is.LessThan(MaxServedBytes), $"{served} bytes served");
        });
    }

    private static List<long> Connections(string path) => [.. File.ReadLines(_nginx.AccessLogPath)
        .Where(l => l.EndsWith($"GET {path} HTTP/1.1", StringComparison.Ordinal))
        .Select(l => long.Parse(l.Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture))];

    private static async Task<IReadOnlyList<CheckResult>> RunAsync(string url)
    {
        var sut = TestChecker.Create(o => o.Checks.TrustedCaFile = _ca.CaPemPath);
        return await sut.RunRoundAsync([TestChecker.Url("shared", url, Site)], CancellationToken.None);
    }
}
