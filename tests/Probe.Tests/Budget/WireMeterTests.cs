using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Probe.Tests.Cli;
using Probe.Tests.Drills;

namespace Probe.Tests.Budget;

/// <summary>
/// The probe's own meter against nftables, on the wire: <c>probe run</c> (the real binary) inside the drill's namespace
/// runs its lanes (dns at two resolvers, tcp connects, TLS with a test CA, http GETs reset at the body limit,
/// throughput reads, the upload to VictoriaMetrics), and what it says it spent is compared with what the namespace's
/// output hook counted: every IP packet, headers included, both directions (on loopback each passes the hook once).
/// </summary>
[Category("Integration")]
public sealed partial class WireMeterTests
{
    private static readonly TimeSpan Running = TimeSpan.FromSeconds(25);

    [Test]
    public async Task Meter_RealMixOfDnsTcpTlsHttpAndUpload_WithinTenPercentOfNftCounters()
    {
        using var world = DrillWorld.Start();
        // The gateway is a LAN hop the meter leaves out on purpose (not on a volunteer's bill): counted apart.
        world.Namespace.ApplyNftables($$"""
            table inet probemeter {
              counter gateway {}
              counter upload {}
              counter wire {}
              chain out {
                type filter hook output priority 0;
                ip daddr {{DrillWorld.Gateway}} counter name gateway accept
                ip saddr {{DrillWorld.Gateway}} counter name gateway accept
                tcp dport {{DrillWorld.Store.Port}} counter name upload
                tcp sport {{DrillWorld.Store.Port}} counter name upload
                counter name wire
              }
            }
            """);
        var log = new DaemonLog();
        using (var daemon = DrillDaemon.Start(world.Namespace, world.ConfigPath, log))
        {
            await Task.Delay(Running);
            Assert.That(daemon.HasExited, Is.False, "probe run exited early");
            // SIGTERM: the daemon closes its connections and saves the day's account (budget.json) before it exits.
            Assert.That(daemon.Stop(TimeSpan.FromSeconds(25)), Is.Zero);
        }

        var counters = ReadCounters(world);
        var status = await ProbeProcess.RunAsync(["status", "--json", "--config", world.ConfigPath], TimeSpan.FromSeconds(60));
        var meter = JsonDocument.Parse(status.Stdout).RootElement.GetProperty("budget").GetProperty("trafficBytes").GetInt64();

        TestContext.Out.WriteLine($"meter {meter} bytes, nft {counters["wire"]} bytes (upload {counters["upload"]}, gateway {counters["gateway"]}): ratio {(double)meter / counters["wire"]:0.000}");
        Assert.Multiple(() =>
        {
            // The mix happened: rounds with pages and TLS (well over 1 MB on loopback in 25 s), and uploads.
            Assert.That(counters["wire"], Is.GreaterThan(1_000_000), status.ToString());
            Assert.That(counters["upload"], Is.GreaterThan(2_000));
            Assert.That(counters["gateway"], Is.GreaterThan(0));
            Assert.That(meter, Is.InRange(counters["wire"] * 0.9, counters["wire"] * 1.1),
                $"meter {meter} bytes, nft {counters["wire"]} bytes (ratio {(double)meter / counters["wire"]:0.000}; upload {counters["upload"]})");
        });
    }

    private static Dictionary<string, long> ReadCounters(DrillWorld world)
    {
        var listing = world.Namespace.Run("nft", "nftables", "list", "counters");
        return CounterLine().Matches(listing).ToDictionary(
            m => m.Groups["name"].Value,
            m => long.Parse(m.Groups["bytes"].Value, CultureInfo.InvariantCulture));
    }

    [GeneratedRegex(@"counter (?<name>\w+) \{\s*packets \d+ bytes (?<bytes>\d+)")]
    private static partial Regex CounterLine();
}
