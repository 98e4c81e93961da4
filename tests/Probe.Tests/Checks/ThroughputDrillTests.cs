using System.Net;
using Probe.Checks;
using Probe.Targets;
using Probe.Tests.Fixtures;
using Probe.Verdicts;

namespace Probe.Tests.Checks;

/// <summary>
/// Throttling, replayed: nginx serves 256 KiB bodies to throughput checks inside a private namespace, and nftables polices
/// what chosen servers send to 16 kbytes/s (128 kbit/s, about the 130 kbit/s Twitter got in Russia in 2021).
/// The lab: two national, two international sites and two platforms (tiktok, whatsapp), all over https.
/// </summary>
[Category("Integration")]
[Category("Drill")]
[NonParallelizable]
public sealed class ThroughputDrillTests
{
    private const string Path = "/throughput";

    private static readonly (string Name, TargetGroup Group, string? Platform, string Address)[] Lab =
    [
        ("nat-1", TargetGroup.National, null, "127.1.0.1"),
        ("nat-2", TargetGroup.National, null, "127.1.0.2"),
        ("int-1", TargetGroup.International, null, "127.2.0.1"),
        ("int-2", TargetGroup.International, null, "127.2.0.2"),
        ("tiktok-cdn", TargetGroup.Platform, "tiktok", "127.3.0.1"),
        ("whatsapp-media", TargetGroup.Platform, "whatsapp", "127.3.0.2"),
    ];

    [Test]
    public async Task RunRound_PlatformPolicedTo16KBps_DegradedThrottlingNamesThePlatform()
    {
        using var lab = StartLab("ip saddr 127.3.0.1 limit rate over 16 kbytes/second drop");

        var (results, verdict) = await lab.PassAsync(CreateSut(lab));

        var finding = verdict.Findings.Single();
        Report(results, verdict);
        Assert.Multiple(() =>
        {
            Assert.That(verdict.State, Is.EqualTo(VerdictState.Degraded));
            Assert.That((finding.How, finding.Platform, finding.Group, finding.Kind), Is.EqualTo(("throttling", "tiktok", (string?)null, "throughput")));
            Assert.That(finding.Targets, Is.EqualTo(new[] { "tiktok-cdn" }));
            Assert.That(finding.Ratio, Is.LessThanOrEqualTo(0.2));
            // The policer's 128 kbit/s is a ceiling: what got through after the first read cannot beat it by much.
            Assert.That(Kbps(results, "tiktok-cdn"), Is.LessThan(200));
            Assert.That(Kbps(results, "whatsapp-media"), Is.GreaterThan(1000));
            // The http check had its 16 KiB even where the longer read of the pass ran into the deadline.
            Assert.That(results.Single(r => r.Target == "tiktok-cdn" && r.Kind == CheckKind.Http).Ok, Is.True);
        });
    }

    [Test]
    public async Task RunRound_InternationalGroupPoliced_DegradedThrottlingNamesTheGroup()
    {
        using var lab = StartLab("ip saddr { 127.2.0.1, 127.2.0.2 } limit rate over 16 kbytes/second drop");

        var (results, verdict) = await lab.PassAsync(CreateSut(lab));

        Report(results, verdict);
        var finding = verdict.Findings.Single();
        Assert.Multiple(() =>
        {
            Assert.That(verdict.State, Is.EqualTo(VerdictState.Degraded));
            Assert.That((finding.How, finding.Platform, finding.Group), Is.EqualTo(("throttling", (string?)null, "international")));
            Assert.That(finding.Targets, Is.EqualTo(new[] { "int-1", "int-2" }));
            Assert.That(finding.Ratio, Is.LessThanOrEqualTo(0.2));
        });
    }

    [Test]
    public async Task RunRound_UnthrottledLabOverManyPasses_NoFindingAndOneRequestPerTarget()
    {
        using var lab = StartLab(null);
        var sut = CreateSut(lab);
        var baseline = new LatencyBaselineTracker();
        var findings = new List<Finding>();
        var rates = new List<double>();
        const int Passes = 12;

        for (var pass = 0; pass < Passes; pass++)
        {
            var (results, verdict) = await lab.PassAsync(sut, baseline);
            findings.AddRange(verdict.Findings);
            rates.AddRange(results.Where(r => r.Kind == CheckKind.Throughput).Select(r => r.Kbps ?? 0));
            if (pass == Passes - 1)
            {
                Report(results, verdict);
            }
        }

        // One GET per target and pass: the throughput check is timed on the http check's request, on its connection.
        var requests = File.ReadAllLines(lab.Nginx.AccessLogPath).Where(l => l.Contains(Path, StringComparison.Ordinal)).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(findings, Is.Empty);
            Assert.That(rates, Has.Count.EqualTo(Passes * Lab.Length));
            Assert.That(rates, Has.All.GreaterThan(1000));
            Assert.That(requests, Has.Count.EqualTo(Passes * Lab.Length));
            Assert.That(requests.Select(l => l.Split(' ')[0]).Distinct().Count(), Is.EqualTo(Passes * Lab.Length));
        });
    }

    [Test]
    public async Task RunRound_ThroughputTarget_HttpAndThroughputResultsShareTheResponse()
    {
        using var lab = StartLab(null);

        var (results, _) = await lab.PassAsync(CreateSut(lab));

        var http = results.Single(r => r.Target == "nat-1" && r.Kind == CheckKind.Http);
        var throughput = results.Single(r => r.Target == "nat-1" && r.Kind == CheckKind.Throughput);
        Assert.Multiple(() =>
        {
            Assert.That((http.Ok, http.Status, http.Bytes), Is.EqualTo((true, (int?)200, (long?)16384)));
            Assert.That((throughput.Ok, throughput.Status, throughput.Bytes), Is.EqualTo((true, (int?)200, (long?)65536)));
            Assert.That(throughput.Phases.Ttfb, Is.EqualTo(http.Phases.Ttfb));
            Assert.That(throughput.Address, Is.EqualTo("127.1.0.1"));
        });
    }

    private static ProbeChecker CreateSut(ThroughputLab lab) => TestChecker.Create(o =>
    {
        o.Checks.Timeout = TimeSpan.FromSeconds(8);
        o.Checks.TrustedCaFile = lab.Ca.CaPemPath;
        o.Checks.HttpBodyLimitBytes = 16384;
        o.Checks.ThroughputBytes = 65536;
        o.Resolvers = [TestChecker.Resolver("own", lab.Dns.ConfigAddress)];
    });

    private static double Kbps(IReadOnlyList<CheckResult> results, string target) =>
        results.Single(r => r.Target == target && r.Kind == CheckKind.Throughput).Kbps ?? 0;

    private static void Report(IReadOnlyList<CheckResult> results, Verdict verdict)
    {
        foreach (var r in results.Where(r => r.Kind == CheckKind.Throughput))
        {
            TestContext.Out.WriteLine($"{r.Target,-15} {r.Kbps,12:F1} kbit/s {r.Bytes,7} B ttfb {r.Phases.Ttfb,7:F1} ms {r.Failure}");
        }

        foreach (var f in verdict.Findings)
        {
            TestContext.Out.WriteLine($"finding: {f.State} {f.How} platform={f.Platform} group={f.Group} ratio={f.Ratio} [{string.Join(",", f.Targets)}]");
        }
    }

    private static ThroughputLab StartLab(string? policing)
    {
        var ns = NetworkNamespace.Create();
        var ca = TestCertificateAuthority.Create();
        try
        {
            // Ethernet-sized packets: loopback's 64 KiB ones would each be larger than a 16 kbytes/s bucket.
            ns.Run("ip", "iproute2", "link", "set", "lo", "mtu", "1500");
            var sites = Lab.Select(l => new NginxSite([$"{l.Name}.test"], IPAddress.Parse(l.Address), HttpsPort: 443, Certificate: ca.Issue(l.Name, [$"{l.Name}.test"]))).ToList();
            var dns = DnsmasqServer.Start(IPAddress.Parse("127.0.0.53"), new DnsmasqOptions { Records = Lab.ToDictionary(l => $"{l.Name}.test", l => new[] { l.Address }) }, ns);
            var nginx = NginxServer.Start(sites, ns);
            if (policing is not null)
            {
                ns.ApplyNftables($$"""
                    table inet drill {
                      chain out {
                        type filter hook output priority 0;
                        tcp sport 443 {{policing}}
                      }
                    }
                    """);
            }

            return new ThroughputLab(ns, ca, dns, nginx);
        }
        catch
        {
            ca.Dispose();
            ns.Dispose();
            throw;
        }
    }

    private static Target Target((string Name, TargetGroup Group, string? Platform, string Address) l) =>
        new(l.Name, $"{l.Name}.test", new Uri($"https://{l.Name}.test{Path}"), l.Group, l.Platform, [443], [], false, "test")
        {
            Throughput = true,
        };

    private sealed record ThroughputLab(NetworkNamespace Ns, TestCertificateAuthority Ca, DnsmasqServer Dns, NginxServer Nginx) : IDisposable
    {
        public async Task<(IReadOnlyList<CheckResult> Results, Verdict Verdict)> PassAsync(ProbeChecker sut, LatencyBaselineTracker? baseline = null)
        {
            var results = await Ns.InvokeAsync(() => sut.RunRoundAsync([.. Lab.Select(Target)], CancellationToken.None));
            var verdict = new VerdictEngine(new VerdictRules(new HashSet<string>())).Evaluate(results, baseline?.Current());
            baseline?.Observe(results);
            return (results, verdict);
        }

        public void Dispose()
        {
            Nginx.Dispose();
            Dns.Dispose();
            Ca.Dispose();
            Ns.Dispose();
        }
    }
}
