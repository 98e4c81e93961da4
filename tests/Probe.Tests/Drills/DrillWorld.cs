using System.Net;
using System.Text.Json;
using Probe.Tests.Fixtures;

namespace Probe.Tests.Drills;

/// <summary>
/// A small country inside a private network namespace: the ISP resolver and a reference resolver (dnsmasq), national,
/// international and platform web servers (nginx, http and https with a test CA), a gateway address, and the analysts'
/// VictoriaMetrics on the international side. Every server, rule and the probe itself live in the namespace; the
/// namespace goes away with the test process.
/// </summary>
internal sealed class DrillWorld : IDisposable
{
    public const string NationalHttps = "www.national.test";
    public const string NationalHttp = "news.national.test";
    public const string InternationalHttps = "www.international.test";
    public const string InternationalHttp = "cdn.international.test";
    public const string WhatsappHost = "web.whatsapp.test";
    public const string TiktokHost = "www.tiktok.test";

    public static readonly IPAddress Gateway = IPAddress.Parse("127.0.0.2");
    public static readonly IPAddress IspResolver = IPAddress.Parse("127.0.0.53");
    public static readonly IPAddress ReferenceResolver = IPAddress.Parse("127.0.0.54");
    public static readonly IPEndPoint Store = new(IPAddress.Parse("127.2.0.100"), 8428);

    private static readonly Dictionary<string, string[]> Records = new()
    {
        [NationalHttps] = ["127.1.0.1"],
        [NationalHttp] = ["127.1.0.2"],
        [InternationalHttps] = ["127.2.0.1"],
        [InternationalHttp] = ["127.2.0.2"],
        // Two platforms behind one address, as on a shared CDN: only SNI tells them apart.
        [WhatsappHost] = ["127.3.0.1"],
        [TiktokHost] = ["127.3.0.1"],
    };

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    private readonly List<IDisposable> _owned = [];
    private DnsmasqServer? _isp;

    private DrillWorld(string directory, NetworkNamespace ns)
    {
        Directory = directory;
        Namespace = ns;
    }

    public NetworkNamespace Namespace { get; }

    public string Directory { get; }

    public string ConfigPath => Path.Combine(Directory, "probe.json");

    public string StorePath => Path.Combine(Directory, "results.db");

    public NamespacedVictoriaMetrics Analysts { get; private set; } = null!;

    public static DrillWorld Start()
    {
        var ns = NetworkNamespace.Create();
        var world = new DrillWorld(System.IO.Directory.CreateTempSubdirectory("probe-drill-").FullName, ns);
        try
        {
            world.StartServers();
            return world;
        }
        catch
        {
            world.Dispose();
            throw;
        }
    }

    /// <summary>Replaces the ISP resolver by one that answers NXDOMAIN for <paramref name="lies"/> (none: an honest one again).</summary>
    public void RestartIspResolver(IReadOnlyList<string> lies)
    {
        _isp?.Dispose();
        _isp = null;
        _isp = DnsmasqServer.Start(IspResolver, new DnsmasqOptions
        {
            Records = Records.Where(r => !lies.Contains(r.Key)).ToDictionary(),
            NxDomains = lies,
        }, Namespace);
    }

    /// <summary>Ethernet-sized packets on loopback: a policer's byte bucket cannot pass a 64 KiB loopback packet.</summary>
    public void UseEthernetMtu() => Namespace.Run("ip", "iproute2", "link", "set", "lo", "mtu", "1500");

    /// <summary>Loads the rules of a disruption into the namespace (replacing any earlier one); null lifts every rule.</summary>
    public void Apply(string? rules) => Namespace.ApplyNftables(Disruptions.Ruleset(rules));

    public void Dispose()
    {
        _isp?.Dispose();
        foreach (var owned in Enumerable.Reverse(_owned))
        {
            owned.Dispose();
        }

        Namespace.Dispose();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a temp dir left behind is harmless.
        }
    }

    private void StartServers()
    {
        RestartIspResolver([]);
        var reference = Own(DnsmasqServer.Start(ReferenceResolver, new DnsmasqOptions { Records = Records }, Namespace));
        var ca = Own(TestCertificateAuthority.Create("probe-drill"));
        NginxSite Https(string host) =>
            new([host], IPAddress.Parse(Records[host][0]), HttpsPort: 443, Certificate: ca.Issue(host, [host]));
        NginxSite Http(string host) => new([host], IPAddress.Parse(Records[host][0]), HttpPort: 80);
        Own(NginxServer.Start([Https(NationalHttps), Http(NationalHttp), Https(InternationalHttps), Http(InternationalHttp), Https(WhatsappHost), Https(TiktokHost)], Namespace));
        Analysts = Own(NamespacedVictoriaMetrics.Start(Namespace, Store));
        // A restarted ISP resolver keeps its address and port (fixed inside the namespace), so the config stays true.
        WriteConfig(ca.CaPemPath, _isp!.ConfigAddress, reference.ConfigAddress);
    }

    private void WriteConfig(string caPem, string isp, string reference)
    {
        var tokenFile = Path.Combine(Directory, "influx-token");
        File.WriteAllText(tokenFile, "drill-token");
        var config = new
        {
            Probe = new
            {
                Id = "drill-01",
                Region = "Dakar",
                Access = "fixed",
                Isp = "DrillNet",
                Gateway = new { Address = Gateway.ToString(), Ports = new[] { 1 } },
                Resolvers = new object[]
                {
                    new { Name = "system", Address = isp },
                    new { Name = "reference", Address = reference, Reference = true },
                },
                Targets = new
                {
                    UseDefaults = false,
                    Items = new object[]
                    {
                        // Every target also measures throughput, on nginx's 256 KiB /throughput body.
                        new { Name = "national-www", Url = $"https://{NationalHttps}/throughput", Group = "national", Sentinel = true, Throughput = true },
                        new { Name = "national-news", Url = $"http://{NationalHttp}/throughput", Group = "national", Sentinel = true, Throughput = true },
                        new { Name = "international-www", Url = $"https://{InternationalHttps}/throughput", Group = "international", Sentinel = true, Throughput = true },
                        new { Name = "international-cdn", Url = $"http://{InternationalHttp}/throughput", Group = "international", Sentinel = true, Throughput = true },
                        new { Name = "whatsapp-web", Url = $"https://{WhatsappHost}/throughput", Group = "platform", Platform = "whatsapp", Throughput = true },
                        new { Name = "tiktok-www", Url = $"https://{TiktokHost}/throughput", Group = "platform", Platform = "tiktok", Throughput = true },
                    },
                },
                Schedule = new
                {
                    SentinelInterval = DrillScale.SentinelInterval.ToString("c"),
                    RoundInterval = DrillScale.RoundInterval.ToString("c"),
                    Jitter = 0.1,
                    MaxConcurrency = 8,
                    ConfirmRounds = 2,
                    // Every round is a throughput pass (default 6 h): throttling is seen and lifted by rounds.
                    ThroughputInterval = DrillScale.RoundInterval.ToString("c"),
                },
                // No budget: the drill runs a day's lanes ten to sixty times faster, which a daily budget would rightly
                // stretch back; the budget's planning of the default lanes is tested on a simulated day (Budget/LanePlannerTests).
                Budget = new { DailyBytes = 0 },
                // The http check has its 8 KiB well within the deadline under the policer; the throughput check reads on to 64 KiB.
                Checks = new { Timeout = DrillScale.CheckTimeout.ToString("c"), HttpBodyLimitBytes = 8192, ThroughputBytes = 65536, TrustedCaFile = caPem, BogonAllow = new[] { "127.0.0.0/8" } },
                // The drill's clock may never count as synchronized: rows must not wait hours for it before they are sent.
                Store = new { Path = StorePath, UnsyncedHoldLimit = "00:00:00.001" },
                Sink = new { Kind = "influx2", Url = $"http://{Store}", Org = "probe", Bucket = "drills", TokenFile = tokenFile, BatchSize = 5000, RequestTimeout = "00:00:05" },
                Leds = new { Driver = "log" },
            },
        };
        File.WriteAllText(ConfigPath, JsonSerializer.Serialize(config, Indented));
    }

    private T Own<T>(T disposable)
        where T : IDisposable
    {
        _owned.Add(disposable);
        return disposable;
    }
}
