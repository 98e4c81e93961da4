using System.Diagnostics;
using Probe.Tests.Fixtures;

namespace Probe.Tests.Drills;

/// <summary>
/// Issue 5's shutdown drills: the real daemon inside a private network namespace, every kind of disruption played with
/// nftables (or a lying resolver), each from online and back, with its verdicts, LEDs, timings and deliveries checked.
/// One world and one daemon serve all scenarios, played in order; the figures go to drill-results.md.
/// </summary>
[Category("Drill")]
[NonParallelizable]
public sealed class ShutdownDrillTests
{
    private readonly Stopwatch _suite = new();
    private DrillSession _session = null!;

    private static string Artifacts => Path.Combine(TestContext.CurrentContext.WorkDirectory, "drill-artifacts");

    [OneTimeSetUp]
    public async Task StartWorld()
    {
        _suite.Start();
        _session = await DrillSession.StartAsync(Artifacts);
    }

    [OneTimeTearDown]
    public void StopWorld()
    {
        _session?.Dispose();
        if (_session is { Results.Count: > 0 })
        {
            var table = ResultsTable.Render(_session.Results, DateTimeOffset.UtcNow, _suite.Elapsed) + string.Join('\n', _session.Notes.Select(n => $"\n{n}"));
            var path = Path.Combine(Artifacts, "drill-results.md");
            File.WriteAllText(path, table);
            TestContext.Progress.WriteLine(table);
            TestContext.Progress.WriteLine($"drill artifacts: {Artifacts}");
        }
    }

    [Test]
    [Order(1)]
    public Task Drill1_InternationalCut_CommittedThenOnlineAllDeliveredOnce() =>
        Play(new ScenarioSpec(1, "international cut", "international_cut", DecidingLane.Sentinel, DecidingLane.Sentinel))
            .PlayAsync(() => _session.World.Apply(Disruptions.InternationalCut), Restore);

    [Test]
    [Order(2)]
    public Task Drill2_FullShutdown_CommittedThenOnlineAllDeliveredOnce() =>
        Play(new ScenarioSpec(2, "full shutdown", "full_shutdown", DecidingLane.Sentinel, DecidingLane.Sentinel))
            .PlayAsync(() => _session.World.Apply(Disruptions.FullShutdown), Restore);

    [Test]
    [Order(3)]
    public Task Drill3_PlatformTcpReset_PlatformBlockByTcpThenOnline() =>
        Play(new ScenarioSpec(3, "platform block by TCP reset", "platform_block", DecidingLane.Round, DecidingLane.Round))
            .PlayAsync(
                () => _session.World.Apply(Disruptions.PlatformTcpReset),
                Restore,
                checkFindings: v => ScenarioPlayer.PlatformBlock(v, ["whatsapp", "tiktok"], "tcp"));

    [Test]
    [Order(4)]
    public Task Drill4_TlsInterference_OnlyTheFilteredSniBlockedByTls() =>
        Play(new ScenarioSpec(4, "platform block by TLS interference", "platform_block", DecidingLane.Round, DecidingLane.Round))
            .PlayAsync(
                () => _session.World.Apply(Disruptions.TlsInterference("whatsapp")),
                Restore,
                checkFindings: v => ScenarioPlayer.PlatformBlock(v, ["whatsapp"], "tls", absent: "tiktok"));

    [Test]
    [Order(5)]
    public Task Drill5_DnsTampering_PlatformBlockByDnsWithTamperingFinding() =>
        Play(new ScenarioSpec(5, "DNS tampering", "platform_block", DecidingLane.Round, DecidingLane.Round))
            .PlayAsync(
                () => _session.World.RestartIspResolver([DrillWorld.WhatsappHost]),
                () => _session.World.RestartIspResolver([]),
                checkFindings: v => ScenarioPlayer.PlatformBlock(v, ["whatsapp"], "dns", absent: "tiktok").Concat(Tampering(v)));

    [Test]
    [Order(6)]
    public Task Drill6_LocalFault_GatewaySilentCommittedThenOnline() =>
        Play(new ScenarioSpec(6, "local fault", "local_fault", DecidingLane.Sentinel, DecidingLane.Sentinel))
            .PlayAsync(() => _session.World.Apply(Disruptions.LocalFault), Restore);

    [Test]
    [Order(7)]
    public Task Drill7_Curfew_ThreeShutdownsInARowEachCommittedAndLifted() =>
        Play(new ScenarioSpec(7, "curfew (3 shutdowns)", "full_shutdown", DecidingLane.Sentinel, DecidingLane.Sentinel, Cuts: 3))
            .PlayAsync(() => _session.World.Apply(Disruptions.FullShutdown), Restore);

    [Test]
    [Order(8)]
    public Task Drill8_RebootMidCut_SigkillAndRestartRecommitsCutNothingLost() =>
        Play(new ScenarioSpec(8, "reboot mid-cut (SIGKILL)", "international_cut", DecidingLane.Sentinel, DecidingLane.Sentinel))
            .PlayAsync(
                () => _session.World.Apply(Disruptions.InternationalCut),
                Restore,
                whileCut: async () =>
                {
                    _session.Daemon.KillHard();
                    _session.Daemon.Dispose();
                    var mark = _session.StartDaemon();
                    await _session.CommitAsync(mark, "international_cut", DrillSession.CommitTimeout, "scenario 8, the restarted daemon during the cut");
                },
                expectedVerdicts: ["international_cut", "international_cut", "online"]);

    [Test]
    [Order(9)]
    public Task Drill10_PlatformThrottling_DegradedThrottlingNamesThePolicedPlatformThenOnline() =>
        Play(new ScenarioSpec(10, "platform throttling", "degraded", DecidingLane.Round, DecidingLane.Round))
            .PlayAsync(
                () =>
                {
                    _session.World.UseEthernetMtu();
                    _session.World.Apply(Disruptions.PlatformThrottling);
                },
                Restore,
                checkFindings: v => Throttling(v, ["whatsapp", "tiktok"]));

    [Test]
    [Order(10)]
    public async Task Drill9_StopAndFinalUpload_EveryResultOfTheRunDeliveredExactlyOnce()
    {
        var exit = _session.Daemon.Stop(TimeSpan.FromSeconds(25));
        var tally = await _session.TallyAsync("09-final-upload", final: true);
        var whole = DeliveryLedger.Count(tally.LineProtocol.Stdout, tally.VmExport, 0, long.MaxValue);
        var problems = new List<string>();
        if (exit != 0)
        {
            problems.Add($"probe run: expected exit 0 on SIGTERM, saw {exit}");
        }

        if (tally.Upload.ExitCode != 0)
        {
            problems.Add($"probe upload after the daemon stopped: expected exit 0 (all delivered), saw {tally.Upload}");
        }

        if (whole.AllRowsMissing > 0 || whole.Doubled > 0 || whole.Made != whole.Delivered)
        {
            problems.Add($"whole run: expected every row in VictoriaMetrics exactly once, saw {whole}");
        }

        // Dedup hides a row sent twice (it overwrites, as in InfluxDB); VM's own count of rows received shows it.
        var received = _session.World.Analysts.SelfMetric("vm_rows_inserted_total");
        var held = VmSeries.ParseExport(tally.VmExport).Sum(s => s.Timestamps.Length);
        _session.Notes.Add($"VictoriaMetrics received {received:0} samples for the {held} it holds: {received - held:0} re-sent (a re-sent row overwrites itself in the store; it is never doubled).");
        _session.Results.Add(new ScenarioResult(9, "whole run: SIGTERM, final upload", [], [], DecidingLane.Sentinel, DecidingLane.Sentinel, whole, [], problems.Count == 0));
        foreach (var file in Directory.GetFiles(tally.Directory))
        {
            TestContext.AddTestAttachment(file);
        }

        Assert.That(problems, Is.Empty, $"artifacts in {tally.Directory}");
    }

    /// <remarks>
    /// Both platforms sit behind the policed address (a shared CDN): the policer limits their sum, and whichever transfer
    /// loses the race for the bucket is the slow one, so at least one of them must be named, and nothing else: no
    /// throttling of a group, no platform off that address.
    /// </remarks>
    private static IEnumerable<string> Throttling(IReadOnlyList<VerdictRecord> verdicts, string[] platforms)
    {
        var degraded = verdicts.FirstOrDefault(v => v.State == "degraded");
        var throttling = (degraded?.Findings("degraded") ?? [])
            .Where(f => f.TryGetProperty("how", out var how) && how.GetString() == "throttling")
            .ToList();
        var named = throttling.Select(f => f.GetProperty("platform").GetString()).ToList();
        if (named.Count == 0 || !named.All(platforms.Contains))
        {
            yield return $"expected degraded findings with how throttling naming only [{string.Join(", ", platforms)}], saw: {degraded?.FindingsJson ?? "no degraded verdict"}";
        }
    }

    private static IEnumerable<string> Tampering(IReadOnlyList<VerdictRecord> verdicts)
    {
        var block = verdicts.FirstOrDefault(v => v.State == "platform_block");
        var tampering = block?.Findings("dns_tampering") ?? [];
        if (!tampering.Any(f => f.GetProperty("targets").EnumerateArray().Any(t => t.GetString() == "whatsapp-web")))
        {
            yield return $"expected a dns_tampering finding naming whatsapp-web (the ISP resolver says NXDOMAIN, the reference does not), saw: {block?.FindingsJson ?? "no platform_block verdict"}";
        }
    }

    private ScenarioPlayer Play(ScenarioSpec spec) => new(_session, spec);

    private void Restore() => _session.World.Apply(null);
}
