using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Probe.Checks;
using Probe.Clock;
using Probe.Configuration;
using Probe.Storage;
using Probe.Storage.Store;
using Probe.Targets;
using Probe.Tests.Fixtures;
using Probe.Tests.Upload;

namespace Probe.Tests.Cli;

/// <summary>
/// Exactly once across crashes: <c>probe upload</c> killed with SIGKILL at random moments while a
/// backlog drains into real VictoriaMetrics; afterwards the store holds every point once.
/// </summary>
[Category("Integration")]
public sealed class UploadKillTests
{
    private const int Results = 150_000;
    private const int Kills = 20;

    [Test]
    public async Task Upload_KilledRepeatedlyWhileDraining_EveryPointArrivesExactlyOnce()
    {
        using var vm = await VictoriaMetricsServer.StartAsync();
        var directory = Directory.CreateTempSubdirectory("probe-kill-").FullName;
        try
        {
            var config = WriteConfig(directory, vm.Url);
            await FillAsync(Path.Combine(directory, "results.db"));
            var before = await ProbeProcess.RunAsync(["export", "--format", "lp", "--config", config], TimeSpan.FromMinutes(2));
            Assert.That(before.ExitCode, Is.Zero, before.ToString());
            var expected = LineProtocolParser.ParseAll(before.Stdout);
            Assert.That(expected, Has.Count.EqualTo(Results));

            var (killed, pendingAfterKills) = await KillWhileDrainingAsync(config, directory);
            var final = await ProbeProcess.RunAsync(["upload", "--config", config], TimeSpan.FromMinutes(3));

            Assert.That(final.ExitCode, Is.Zero, final.ToString());
            Assert.That(killed, Is.GreaterThanOrEqualTo(Kills), $"only {killed} uploads were killed mid-drain");
            Assert.That(pendingAfterKills, Is.GreaterThan(0), "the backlog must still be draining when the kills stop");
            var stored = await vm.ExportAsync("{__name__=\"probe_check_total_ms\"}");
            var samples = stored.SelectMany(s => s.Timestamps.Select(t => (s.Labels["target"], s.Labels.GetValueOrDefault("port") ?? "", t))).ToList();
            var wanted = expected.Select(p => (p.Tags["target"], p.Tags.GetValueOrDefault("port") ?? "", p.TimestampMs)).ToList();
            Assert.Multiple(() =>
            {
                Assert.That(samples, Has.Count.EqualTo(Results), "points in the store (duplicates are counted away as InfluxDB overwrites them)");
                Assert.That(samples.ToHashSet().SetEquals(wanted), Is.True, "the store holds exactly the points the probe exported");
            });
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static async Task<(int Killed, long Pending)> KillWhileDrainingAsync(string config, string directory)
    {
        var random = new Random(20261128);
        var killed = 0;
        long pending = Results;
        var progressed = 0;
        for (var attempt = 0; attempt < Kills * 3 && killed < Kills; attempt++)
        {
            var start = new ProcessStartInfo(ProbeProcess.Command[0]) { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var a in ProbeProcess.Command.Skip(1).Concat(["upload", "--config", config]))
            {
                start.ArgumentList.Add(a);
            }

            using var process = Process.Start(start)!;
            var drain = Task.WhenAll(process.StandardOutput.ReadToEndAsync(), process.StandardError.ReadToEndAsync());
            // Wait until it is really sending (the pending count falls), then kill it a random moment later.
            var waited = await WaitForProgressAsync(directory, config, pending, process);
            // A pipelined drain moves thousands of points in a few ms: the kill must come soon after the first mark.
            await Task.Delay(random.Next(0, 15));
            if (!process.HasExited && waited)
            {
                process.Kill(); // SIGKILL
                killed++;
            }

            await process.WaitForExitAsync();
            await drain;
            var before = pending;
            pending = await PendingAsync(config);
            TestContext.Progress.WriteLine($"upload {attempt}: killed={killed} pending {before} -> {pending}");
            progressed += before > pending ? 1 : 0;
            if (pending == 0)
            {
                break;
            }
        }

        Assert.That(progressed, Is.GreaterThanOrEqualTo(Kills / 2), "most killed uploads must have delivered something before dying");

        return (killed, pending);
    }

    private static async Task<bool> WaitForProgressAsync(string directory, string config, long pendingBefore, Process process)
    {
        var watch = Stopwatch.StartNew();
        while (!process.HasExited && watch.Elapsed < TimeSpan.FromSeconds(20))
        {
            // The WAL grows as soon as the first batch is marked delivered.
            var wal = new FileInfo(Path.Combine(directory, "results.db-wal"));
            if (wal.Exists && wal.Length > 0 && watch.Elapsed > TimeSpan.FromMilliseconds(50))
            {
                return true;
            }

            await Task.Delay(20);
        }

        _ = pendingBefore;
        _ = config;
        return !process.HasExited;
    }

    private static async Task<long> PendingAsync(string config)
    {
        var status = await ProbeProcess.RunAsync(["status", "--json", "--config", config], TimeSpan.FromSeconds(60));
        Assert.That(status.ExitCode, Is.Zero, status.ToString());
        using var json = JsonDocument.Parse(status.Stdout);
        return json.RootElement.GetProperty("buffer").GetProperty("pendingRows").GetInt64();
    }

    private static string WriteConfig(string directory, Uri store)
    {
        var path = Path.Combine(directory, "probe.json");
        File.WriteAllText(path, JsonSerializer.Serialize(new
        {
            Probe = new
            {
                Id = "kill-01",
                Store = new { Path = Path.Combine(directory, "results.db") },
                Sink = new { Kind = "influx2", Url = store.ToString(), Org = "probe", Bucket = "shutdowns", Token = "unused", BatchSize = 500 },
                Leds = new { Driver = "none" },
            },
        }));
        return path;
    }

    private static async Task FillAsync(string path)
    {
        var options = new ProbeOptions { Id = "kill-01" };
        options.Store.Path = path;
        var time = TimeProvider.System;
        var clock = new FixedClock(time.GetUtcNow().AddHours(-1));
        var store = new SqliteResultStore(Options.Create(options), clock, time, NullLogger<SqliteResultStore>.Instance);
        using (store)
        {
            for (var batch = 0; batch < Results / 1000; batch++)
            {
                var results = Enumerable.Range(0, 1000).Select(i => new CheckResult
                {
                    Target = $"target-{i % 50}",
                    Group = TargetGroup.National,
                    Kind = CheckKind.Tcp,
                    Host = $"t{i % 50}.example.sn",
                    Port = 443,
                    Ok = i % 7 != 0,
                    Failure = i % 7 != 0 ? null : Failures.GenericTimeout,
                    Ms = 10 + (i % 90),
                    Phases = new Phases(Connect: 10 + (i % 90), Total: 10 + (i % 90)),
                    Clock = clock.Next(),
                }).ToList();
                await store.AppendResultsAsync(results, CancellationToken.None);
            }
        }
    }

    /// <summary>A synchronized clock that moves 1 ms per reading, an hour in the past so the store's samples are recent.</summary>
    private sealed class FixedClock(DateTimeOffset start) : IProbeClock
    {
        private long _ms;

        public ClockReading Read() => new(start.AddMilliseconds(_ms), "boot-kill", 1000 + _ms, Synced: true);

        public ClockReading Next()
        {
            _ms++;
            return Read();
        }
    }
}
