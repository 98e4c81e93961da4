using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Probe.Checks;
using Probe.Clock;
using Probe.Configuration;
using Probe.Storage;

namespace Probe.Bench.Fill;

/// <summary>
/// The daemon's store traffic at the default cadence, in real time (the kernel writes dirty pages back by age, so time
/// cannot be compressed): a sentinel pass of SENTINEL results every 10 s, a health sample every 60 s, an upload every
/// 15 s (read pending, mark delivered), a round of ROUND results every 5 min. Prints /proc/self/io write_bytes for the
/// run and for the closing checkpoint, each scaled to a day. PROBE_BENCH_STAGE=PATH runs it as the daemon does
/// (PROBE.md §5): every batch committed on a stage at PATH (put it on tmpfs), moved to the store every
/// PROBE_BENCH_MOVE seconds (default Store.MoveInterval's), the upload woken by each move as well as every 15 s.
/// </summary>
internal static class Cadence
{
    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length < 2)
        {
            await Console.Error.WriteLineAsync("usage: probe-bench-fill --cadence STORE_PATH MINUTES [ROUND=321] [SENTINEL=7] [SYNCED=1] [WARM=0]");
            return 2;
        }

        var path = Path.GetFullPath(args[0]);
        var minutes = double.Parse(args[1], CultureInfo.InvariantCulture);
        var roundRows = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 321;
        var sentinelRows = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 7;
        var synced = args.Length <= 4 || args[4] != "0";

        // WARM rows appended in batches of 500 before the measured run: a daemon's WAL has long since grown to its
        // checkpoint size and is rewritten in place; a fresh file's WAL grows all through a short run (new blocks, a
        // new file size at every commit), which is not what a probe in service writes.
        var warm = args.Length > 5 ? int.Parse(args[5], CultureInfo.InvariantCulture) : 0;

        var options = new ProbeOptions { Id = "bench-01", Region = "Dakar", Access = "fixed", Asn = 8346, Isp = "Sonatel" };
        options.Store.Path = path;
        var stagePath = Environment.GetEnvironmentVariable("PROBE_BENCH_STAGE");
        ServiceProvider Build(bool staged)
        {
            var services = new ServiceCollection();
            services.AddLogging(logging => logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning));
            services.AddSingleton(Options.Create(options));
            services.AddResultStore();
            if (staged && !string.IsNullOrEmpty(stagePath))
            {
                var move = double.TryParse(Environment.GetEnvironmentVariable("PROBE_BENCH_MOVE"), CultureInfo.InvariantCulture, out var seconds)
                    ? TimeSpan.FromSeconds(seconds) : options.Store.MoveInterval;
                services.AddSingleton(new StoreStage(Path.GetFullPath(stagePath), move));
            }

            return services.BuildServiceProvider();
        }

        // The warm-up goes straight to the card (a daemon's card holds its past already): staged, its rows would move
        // inside the measured window.
        if (warm > 0)
        {
            await using var warming = Build(staged: false);
            var store = warming.GetRequiredService<IResultStore>();
            var clock = warming.GetRequiredService<IProbeClock>();
            for (var done = 0; done < warm; done += 500)
            {
                var reading = clock.Read() with { Synced = synced };
                var count = Math.Min(500, warm - done);
                await store.AppendResultsAsync([.. Enumerable.Range(0, count).Select(i => SyntheticResults.Create(done + i, reading.Wall.AddMilliseconds(i), reading.BootId) with { Lane = Lane.Round, Clock = reading with { Wall = reading.Wall.AddMilliseconds(i), MonotonicMs = reading.MonotonicMs + i } })], CancellationToken.None);
            }
        }

        var time = TimeProvider.System;
        long index = warm;
        long rows = 0;
        var commits = 0;
        var before = WriteBytes();
        long steady;
        await using (var provider = Build(staged: true))
        {
            var store = provider.GetRequiredService<IResultStore>();
            var moves = provider.GetRequiredService<CardMoves>();
            var clock = provider.GetRequiredService<IProbeClock>();
            List<CheckResult> Batch(int count, Lane lane)
            {
                var reading = clock.Read() with { Synced = synced };
                var batch = new List<CheckResult>(count);
                for (var i = 0; i < count; i++, index++)
                {
                    var r = SyntheticResults.Create(index, reading.Wall, reading.BootId);
                    batch.Add(r with { Lane = lane, Clock = reading with { Wall = reading.Wall.AddMilliseconds(i), MonotonicMs = reading.MonotonicMs + i } });
                }

                rows += count;
                return batch;
            }

            // A daemon in service has long created every series it writes: the sentinel lane's and the health sample's
            // too. Without them the measured window pays for creating them (a series row and its index entry, whose
            // ~190-byte tags overflow a 512-byte page twice), which the daemon does once in its first minutes.
            if (warm > 0)
            {
                await store.AppendResultsAsync(Batch(SyntheticResults.Distinct, Lane.Sentinel), CancellationToken.None);
                var reading = clock.Read() with { Synced = synced };
                await store.AppendHealthAsync(new HealthSample(reading, 0, 0, 0, 0, 30_000_000, 0, 0), CancellationToken.None);
            }

            // PROBE_BENCH_MARKS=1: tell bench/writes.sh when the measured window starts and ends (it reads the device's
            // counters then), and give it time to sync before the closing checkpoint, which a day pays once per 4 MiB.
            var marks = Environment.GetEnvironmentVariable("PROBE_BENCH_MARKS") == "1";
            if (marks)
            {
                await Console.Error.WriteLineAsync("warm");
                await Task.Delay(TimeSpan.FromSeconds(5), time);
            }

            rows = 0;
            before = WriteBytes();
            var cardEvery = int.TryParse(Environment.GetEnvironmentVariable("PROBE_BENCH_CARD_EVERY"), CultureInfo.InvariantCulture, out var every) ? every : 0;
            var held = new List<CheckResult>();
            var heldHealth = new List<HealthSample>();
            var moved = moves.NextAsync();

            // The upload polls every 15 s, with a stage every 5 min and after each move, as the daemon does;
            // PROBE_BENCH_POLL=S polls every S seconds instead (0: only after moves).
            var poll = int.TryParse(Environment.GetEnvironmentVariable("PROBE_BENCH_POLL"), CultureInfo.InvariantCulture, out var p) ? p
                : string.IsNullOrEmpty(stagePath) ? 15 : 300;
            var start = time.GetTimestamp();
            var end = TimeSpan.FromMinutes(minutes);
            for (var second = 0; ; second++)
            {
                var due = TimeSpan.FromSeconds(second);
                if (due >= end)
                {
                    break;
                }

                var wait = due - time.GetElapsedTime(start);
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, time);
                }

                if (second % 300 == 0)
                {
                    held.AddRange(Batch(roundRows, Lane.Round));
                }

                if (second % 10 == 0)
                {
                    held.AddRange(Batch(sentinelRows, Lane.Sentinel));
                }

                if (second % 60 == 30)
                {
                    var reading = clock.Read() with { Synced = synced };
                    heldHealth.Add(new HealthSample(reading, rows, 0, 0, 0, 30_000_000, second / 100.0, second));
                    rows++;
                }

                // Today every batch is its own commit at once; with CARD_EVERY=S the card sees what a first commit
                // elsewhere (a tmpfs stage) would hand it every S seconds: the same rows, one commit each S.
                if (cardEvery == 0 || second % cardEvery == cardEvery - 1)
                {
                    if (held.Count > 0)
                    {
                        await store.AppendResultsAsync(held, CancellationToken.None);
                        held = [];
                        commits++;
                    }

                    foreach (var sample in heldHealth)
                    {
                        await store.AppendHealthAsync(sample, CancellationToken.None);
                        commits++;
                    }

                    heldHealth.Clear();
                }

                var upload = cardEvery == 0 ? (poll > 0 && second % poll == 7) || moved.IsCompleted : second % cardEvery == cardEvery - 1;
                if (upload)
                {
                    moved = moves.NextAsync();
                    await store.ReleaseUnsyncedAsync(5000, CancellationToken.None);
                    var pending = await store.ReadPendingAsync(5000, CancellationToken.None);
                    if (pending.Count > 0)
                    {
                        await store.MarkDeliveredAsync([.. pending.Select(p => p.Id)], CancellationToken.None);
                    }

                    commits++;
                }
            }

            steady = WriteBytes() - before;
            if (marks)
            {
                await Console.Error.WriteLineAsync("steady");
                await Task.Delay(TimeSpan.FromSeconds(5), time);
            }
        }

        // Disposing closes the connection, which checkpoints the WAL into the database file.
        var closing = WriteBytes() - before - steady;
        var perDay = 1440.0 / minutes / 1e6;
        var files = new[] { path, path + "-wal" }.Where(File.Exists).Sum(f => new FileInfo(f).Length);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"minutes={minutes} rows={rows} rows_per_day={rows * 1440 / minutes:F0} store_calls={commits} synced={synced} " +
            $"write_bytes={steady} mb_per_day={steady * perDay:F1} checkpoint_bytes={closing} checkpoint_mb_per_day={closing * perDay:F1} " +
            $"total_mb_per_day={(steady + closing) * perDay:F1} db_and_wal_bytes={files}"));
        return 0;
    }

    private static long WriteBytes() =>
        File.ReadLines("/proc/self/io").Where(l => l.StartsWith("write_bytes:", StringComparison.Ordinal))
            .Select(l => long.Parse(l["write_bytes:".Length..].Trim(), CultureInfo.InvariantCulture)).FirstOrDefault();
}
