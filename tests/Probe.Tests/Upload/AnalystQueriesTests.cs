using System.Text.RegularExpressions;
using Probe.Storage;
using Probe.Tests.Fixtures;
using Probe.Upload;

namespace Probe.Tests.Upload;

/// <summary>Runs every InfluxQL query of PROBE.md (analysts part), as written there, against a real influxd 1.x holding an outage scenario uploaded by the sink.</summary>
[Category("Integration")]
public sealed partial class AnalystQueriesTests
{
    /// <summary>Where the analysts' documentation lives (the lead may move it into PROBE.md: change this one line).</summary>
    private const string DocumentPath = "PROBE.md";

    private const long Minute = 60_000;
    private static InfluxDb1Server? s_influx;
    private static long s_t0;

    [OneTimeSetUp]
    public async Task UploadScenarioAsync()
    {
        s_influx = await InfluxDb1Server.StartAsync();
        // Two hours ago, on a 5-minute boundary so the windows of q1b are predictable.
        s_t0 = (TestPoints.RecentStartMs() - (60 * Minute)) / (5 * Minute) * (5 * Minute);
        var store = new InMemoryResultStore();
        store.Add(Scenario(s_t0));
        var result = await TestSinks.Worker(store, TestSinks.Create(TestSinks.Influx1(s_influx.Url))).DrainOnceAsync(CancellationToken.None);
        Assert.That(result.Left, Is.Zero);
    }

    [OneTimeTearDown]
    public void StopServer() => s_influx?.Dispose();

    [Test]
    public async Task Q1_InternationalCut_NamesProbeIspAndStart()
    {
        var series = await RunAsync("q1");

        Assert.That(series, Has.Count.EqualTo(1));
        Assert.That(series[0].Tags, Is.EquivalentTo(new Dictionary<string, string> { ["probe"] = "dakar-01", ["isp"] = "Sonatel" }));
        Assert.That(series[0].Values, Has.Count.EqualTo(1));
        Assert.That(series[0].Cell(0, "time").GetInt64(), Is.EqualTo(s_t0 + (10 * Minute)));
        Assert.That(series[0].Cell(0, "previous").GetString(), Is.EqualTo("online"));
    }

    [Test]
    public async Task Q1b_FailedInternationalChecks_FiveMinuteWindowsOfTheCut()
    {
        var series = (await RunAsync("q1b")).Single();

        Assert.That(series.Tags["probe"], Is.EqualTo("dakar-01"));
        var windows = series.Values.Select((_, i) => (series.Cell(i, "time").GetInt64() - s_t0) / Minute).ToList();
        Assert.That(windows, Is.EqualTo(new long[] { 10, 15, 20, 25, 30, 35 }));
        Assert.That(series.Values.Select((_, i) => series.Cell(i, "failed").GetInt64()), Has.All.EqualTo(5));
    }

    [Test]
    public async Task Q2_OutageIntervals_CutLastedThirtyMinutes()
    {
        var series = await RunAsync("q2");

        var changes = series.Single(s => s.Tags["probe"] == "dakar-01" && s.Columns.Contains("previous"));
        var elapsed = series.Single(s => s.Tags["probe"] == "dakar-01" && s.Columns.Contains("lasted_s"));
        var end = s_t0 + (40 * Minute);
        var endRow = Enumerable.Range(0, changes.Values.Count).Single(i => changes.Cell(i, "time").GetInt64() == end);
        var lastedRow = Enumerable.Range(0, elapsed.Values.Count).Single(i => elapsed.Cell(i, "time").GetInt64() == end);
        Assert.That(changes.Cell(endRow, "previous").GetString(), Is.EqualTo("international_cut"));
        Assert.That(elapsed.Cell(lastedRow, "lasted_s").GetInt64(), Is.EqualTo(30 * 60));
        Assert.That(elapsed.Tags["isp"], Is.EqualTo("Sonatel"));
    }

    [Test]
    public async Task Q3_PlatformBlock_NamesPlatformLayerAndFailure()
    {
        var all = await RunAsync("q3");

        // Ziguinchor's tampered facebook lookups are a DNS-layer platform failure too.
        Assert.That(all.Select(s => $"{s.Tags["platform"]}/{s.Tags["kind"]}/{s.Tags["probe"]}"),
            Is.EquivalentTo(new[] { "whatsapp/tls/thies-01", "facebook/dns/ziguinchor-01" }));
        var series = all.Single(s => s.Tags["platform"] == "whatsapp");
        Assert.That(series.Tags, Is.EquivalentTo(new Dictionary<string, string>
        {
            ["platform"] = "whatsapp", ["kind"] = "tls", ["failure"] = "connection_reset", ["probe"] = "thies-01", ["isp"] = "Free",
        }));
        Assert.That(series.Cell(0, "failures").GetInt64(), Is.EqualTo(20));
    }

    [Test]
    public async Task Q3b_PlatformBlockVerdicts_CarryTheFinding()
    {
        var series = (await RunAsync("q3b")).Single();

        Assert.That(series.Tags["probe"], Is.EqualTo("thies-01"));
        Assert.That(series.Cell(0, "time").GetInt64(), Is.EqualTo(s_t0 + (5 * Minute)));
        Assert.That(series.Cell(0, "findings").GetString(), Does.Contain("whatsapp"));
    }

    [Test]
    public async Task Q4_DnsTampering_OnlyTheSystemResolverFails()
    {
        var series = (await RunAsync("q4")).Single();

        Assert.That(series.Tags, Is.EquivalentTo(new Dictionary<string, string>
        {
            ["resolver"] = "system", ["failure"] = "dns_nxdomain_error", ["target"] = "facebook", ["probe"] = "ziguinchor-01",
        }));
        Assert.That(series.Cell(0, "failures").GetInt64(), Is.EqualTo(45));
    }

    [Test]
    public async Task Q4b_AnswersByResolver_ShowTheDisagreement()
    {
        var series = await RunAsync("q4b");

        string? Answers(string resolver) => series
            .Single(s => s.Columns.Contains("answers") && s.Tags["probe"] == "ziguinchor-01" && s.Tags["resolver"] == resolver)
            .Cell(0, "answers").GetString();
        Assert.That(Answers("google"), Is.EqualTo("[\"157.240.1.35\"]"));
        Assert.That(Answers("system"), Is.EqualTo("[]"));
        Assert.That(series.Single(s => s.Columns.Contains("findings")).Tags["probe"], Is.EqualTo("ziguinchor-01"));
    }

    [Test]
    public async Task Q5_ThroughputByIspAndPlatform_ShowsThePolicedPlatform()
    {
        var series = await RunAsync("q5");

        double Median(string isp, string group) => series
            .Single(s => s.Tags["isp"] == isp && s.Tags["group"] == group)
            .Cell(0, "median_kbps").GetDouble();
        Assert.Multiple(() =>
        {
            Assert.That(series, Has.Count.EqualTo(4));
            Assert.That(Median("Free", "platform"), Is.EqualTo(115));
            Assert.That(Median("Free", "international"), Is.EqualTo(2250));
            Assert.That(Median("Sonatel", "platform"), Is.EqualTo(2500));
            Assert.That(series.Single(s => s.Tags["isp"] == "Free" && s.Tags["group"] == "platform").Tags["platform"], Is.EqualTo("tiktok"));
            Assert.That(series.Single(s => s.Tags["isp"] == "Free" && s.Tags["group"] == "platform").Cell(0, "passes").GetInt64(), Is.EqualTo(6));
        });
    }

    [Test]
    public async Task Q5b_ThrottlingVerdicts_NameProbeAndPlatform()
    {
        var series = (await RunAsync("q5b")).Single();

        Assert.That(series.Tags["probe"], Is.EqualTo("thies-01"));
        Assert.That(series.Cell(0, "findings").GetString(), Does.Contain("\"how\":\"throttling\"").And.Contain("tiktok"));
    }

    private static async Task<IReadOnlyList<InfluxSeries>> RunAsync(string id) => await s_influx!.QueryAsync(Query(id));

    private static string Query(string id)
    {
        var text = File.ReadAllText(FindDocument());
        var match = Regex.Match(text, "```influxql " + Regex.Escape(id) + "\\n(?<q>.*?)\\n```", RegexOptions.Singleline);
        Assert.That(match.Success, Is.True, $"no ```influxql {id} block in {DocumentPath}");
        return match.Groups["q"].Value;
    }

    private static string FindDocument()
    {
        for (var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory); dir is not null; dir = dir.Parent)
        {
            var path = Path.Combine(dir.FullName, DocumentPath);
            if (File.Exists(path))
            {
                return path;
            }
        }

        Assert.Fail($"{DocumentPath} not found above {TestContext.CurrentContext.TestDirectory}");
        return "";
    }

    // Three probes, one hour: an international cut in Dakar, a WhatsApp SNI block in Thiès, DNS tampering in Ziguinchor.
    private static List<ProbePoint> Scenario(long t0)
    {
        var points = new List<ProbePoint>
        {
            TestPoints.Verdict(t0, "online", "unknown", "dakar-01", "Sonatel"),
            TestPoints.Verdict(t0 + (10 * Minute), "international_cut", "online", "dakar-01", "Sonatel", "[{\"state\":\"international_cut\"}]"),
            TestPoints.Verdict(t0 + (40 * Minute), "online", "international_cut", "dakar-01", "Sonatel"),
            TestPoints.Verdict(t0, "online", "unknown", "thies-01", "Free"),
            TestPoints.Verdict(t0 + (5 * Minute), "platform_block", "online", "thies-01", "Free",
                "[{\"state\":\"platform_block\",\"platform\":\"whatsapp\",\"targets\":[\"whatsapp-web\"],\"failure\":\"connection_reset\"}]"),
            TestPoints.Verdict(t0 + (25 * Minute), "online", "platform_block", "thies-01", "Free"),
            TestPoints.Verdict(t0 + (15 * Minute), "dns_tampering", "online", "ziguinchor-01", "Expresso",
                "[{\"state\":\"dns_tampering\",\"targets\":[\"facebook\"],\"failure\":\"dns_nxdomain_error\"}]"),
        };
        for (var m = 0; m < 60; m++)
        {
            var t = t0 + (m * Minute);
            var cut = m is >= 10 and < 40;
            points.Add(Check(t, "dakar-01", "Sonatel", "national", "", "seneweb", "tcp", "", ""));
            points.Add(Check(t, "dakar-01", "Sonatel", "international", "", "cloudflare", "tcp", "", cut ? "generic_timeout_error" : ""));
            points.Add(Check(t, "thies-01", "Free", "international", "", "cloudflare", "tcp", "", ""));
            points.Add(Check(t, "thies-01", "Free", "platform", "whatsapp", "whatsapp-web", "tls", "", m is >= 5 and < 25 ? "connection_reset" : ""));
            var tampered = m >= 15;
            points.Add(Check(t, "ziguinchor-01", "Expresso", "platform", "facebook", "facebook", "dns", "system", tampered ? "dns_nxdomain_error" : "",
                tampered ? "[]" : "[\"157.240.1.35\"]"));
            points.Add(Check(t, "ziguinchor-01", "Expresso", "platform", "facebook", "facebook", "dns", "google", "", "[\"157.240.1.35\"]"));
            if (m % 10 == 0)
            {
                // Throughput passes: TikTok is policed on Free (Thiès), not on Sonatel (Dakar).
                points.Add(Check(t, "thies-01", "Free", "international", "", "google", "throughput", "", "", kbps: 2000 + (m * 10)));
                points.Add(Check(t, "thies-01", "Free", "platform", "tiktok", "tiktok-cdn", "throughput", "", "", kbps: 90 + m));
                points.Add(Check(t, "dakar-01", "Sonatel", "international", "", "google", "throughput", "", "", kbps: 3000));
                points.Add(Check(t, "dakar-01", "Sonatel", "platform", "tiktok", "tiktok-cdn", "throughput", "", "", kbps: 2500));
            }
        }

        points.Add(TestPoints.Verdict(t0 + (45 * Minute), "degraded", "online", "thies-01", "Free",
            "[{\"state\":\"degraded\",\"platform\":\"tiktok\",\"targets\":[\"tiktok-cdn\"],\"failure\":null,\"kind\":\"throughput\",\"resolver\":null,\"how\":\"throttling\",\"group\":null,\"ratio\":0.05}]"));

        return points;
    }

    private static ProbePoint Check(long t, string probe, string isp, string group, string platform, string target, string kind, string resolver, string failure, string? answers = null, double? kbps = null)
    {
        List<KeyValuePair<string, string>> tags =
        [
            new("access", "fixed"), new("asn", "8346"), new("clock", "synced"), new("failure", failure), new("group", group),
            new("isp", isp), new("kind", kind), new("lane", "round"), new("platform", platform), new("port", kind == "dns" ? "" : "443"),
            new("probe", probe), new("qtype", kind == "dns" ? "A" : ""), new("region", "Senegal"), new("resolver", resolver), new("target", target),
        ];
        List<KeyValuePair<string, object>> fields = [new("ok", failure.Length == 0), new("total_ms", 20.5)];
        if (kbps is { } rate)
        {
            fields.Add(new("kbps", rate));
            fields.Add(new("bytes", 65536L));
        }

        if (answers is not null)
        {
            fields.Add(new("answers", answers));
            fields.Add(new("rcode", failure.Length == 0 ? "NOERROR" : "NXDOMAIN"));
        }

        return new ProbePoint("probe_check", tags.Where(t => t.Value.Length > 0).ToList(), fields, t);
    }
}
