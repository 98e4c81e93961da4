using System.Net;
using System.Text.Json;
using Probe.Tests.Fixtures;

namespace Probe.Tests.Cli;

/// <summary>
/// A small internet on loopback for end-to-end runs of the real binary: an ISP ("system") resolver
/// and a reference resolver (dnsmasq), and national, international and platform web servers
/// (nginx, http and https with a test CA) on the address plan of tests/Probe.Tests/Fixtures/README.md.
/// </summary>
internal sealed class LoopbackWorld : IDisposable
{
    public const string NationalHost = "www.national.test";
    public const string InternationalHost = "www.international.test";
    public const string PlatformHost = "web.whatsapp.test";

    private static readonly IPAddress National = IPAddress.Parse("127.1.0.1");
    private static readonly IPAddress International = IPAddress.Parse("127.2.0.1");
    private static readonly IPAddress Platform = IPAddress.Parse("127.3.0.1");

    private readonly List<IDisposable> _owned = [];
    private object? _schedule;
    private object? _sink;

    private LoopbackWorld(string directory) => Directory = directory;

    public string Directory { get; }

    public string ConfigPath => Path.Combine(Directory, "probe.json");

    public string StorePath => Path.Combine(Directory, "results.db");

    public int HttpsPort { get; private set; }

    /// <summary>Starts the servers; <paramref name="systemNxDomains"/> are names the ISP resolver lies about (NXDOMAIN).</summary>
    public static LoopbackWorld Start(IReadOnlyList<string>? systemNxDomains = null, object? schedule = null, object? sink = null)
    {
        var world = new LoopbackWorld(System.IO.Directory.CreateTempSubdirectory("probe-world-").FullName) { _schedule = schedule, _sink = sink };
        try
        {
            world.StartServers(systemNxDomains ?? []);
            return world;
        }
        catch
        {
            world.Dispose();
            throw;
        }
    }

    private void StartServers(IReadOnlyList<string> systemNxDomains)
    {
        var records = new Dictionary<string, string[]>
        {
            [NationalHost] = [National.ToString()],
            [InternationalHost] = [International.ToString()],
            [PlatformHost] = [Platform.ToString()],
        };
        var system = Own(DnsmasqServer.Start(IPAddress.Parse("127.0.0.53"), new DnsmasqOptions
        {
            Records = records.Where(r => !systemNxDomains.Contains(r.Key)).ToDictionary(),
            NxDomains = systemNxDomains,
        }));
        var reference = Own(DnsmasqServer.Start(IPAddress.Parse("127.0.0.54"), new DnsmasqOptions { Records = records }));
        var ca = Own(TestCertificateAuthority.Create());
        HttpsPort = PortAllocator.Next(National);
        var sites = new[] { (NationalHost, National), (InternationalHost, International), (PlatformHost, Platform) }
            .Select(s => new NginxSite([s.Item1], s.Item2, HttpsPort: HttpsPort, Certificate: ca.Issue(s.Item1, [s.Item1])))
            .ToList();
        Own(NginxServer.Start(sites));
        WriteConfig(system.ConfigAddress, reference.ConfigAddress, ca.CaPemPath);
    }

    private void WriteConfig(string system, string reference, string caPem)
    {
        var config = new
        {
            Probe = new
            {
                Id = "loopback-01",
                Region = "Dakar",
                Gateway = new { Address = "127.0.0.1", Ports = new[] { 1 } },
                Resolvers = new object[]
                {
                    new { Name = "system", Address = system },
                    new { Name = "reference", Address = reference, Reference = true },
                },
                Targets = new
                {
                    UseDefaults = false,
                    Items = new object[]
                    {
                        new { Name = "national", Url = $"https://{NationalHost}:{HttpsPort}/", Group = "national", Sentinel = true },
                        new { Name = "international", Url = $"https://{InternationalHost}:{HttpsPort}/", Group = "international", Sentinel = true },
                        new { Name = "whatsapp-web", Url = $"https://{PlatformHost}:{HttpsPort}/", Group = "platform", Platform = "whatsapp" },
                    },
                },
                Checks = new { Timeout = "00:00:03", TrustedCaFile = caPem, BogonAllow = new[] { "127.0.0.0/8" } },
                Schedule = _schedule ?? new { SentinelInterval = "00:00:10", RoundInterval = "00:05:00" },
                Sink = _sink ?? new { Kind = "none" },
                Store = new { Path = StorePath },
                Leds = new { Driver = "log" },
            },
        };
        File.WriteAllText(ConfigPath, JsonSerializer.Serialize(config));
    }

    private T Own<T>(T disposable)
        where T : IDisposable
    {
        _owned.Add(disposable);
        return disposable;
    }

    public void Dispose()
    {
        foreach (var owned in Enumerable.Reverse(_owned))
        {
            owned.Dispose();
        }

        System.IO.Directory.Delete(Directory, recursive: true);
    }
}
