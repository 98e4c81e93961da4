using System.Diagnostics;
using Probe.Tests.Fixtures;

namespace Probe.Tests.Upload;

/// <summary>Drain rate into a real VictoriaMetrics against the ceiling (the same line protocol POSTed in one go with curl). A measurement, not a test.</summary>
[Explicit("benchmark: run by hand, prints figures")]
[Category("Benchmark")]
public sealed class DrainBenchmark
{
    [TestCase(200_000)]
    public async Task DrainOnceAsync_Backlog_PointsPerSecondAgainstCurlCeiling(int points)
    {
        var store = new InMemoryResultStore();
        store.Add(TestPoints.Checks(points, TestPoints.RecentStartMs() - (points * 1000L)));
        var lineProtocol = Path.GetTempFileName();
        await File.WriteAllTextAsync(lineProtocol, await StoreReadBack.ExportLineProtocolAsync(store));
        try
        {
            double ceiling;
            using (var vm = await VictoriaMetricsServer.StartAsync())
            {
                var clock = Stopwatch.StartNew();
                using var curl = Process.Start("curl", ["-sf", "--data-binary", "@" + lineProtocol, $"{vm.Url}api/v2/write?org=o&bucket=b&precision=ms"]);
                await curl.WaitForExitAsync();
                ceiling = points / clock.Elapsed.TotalSeconds;
                Assert.That(curl.ExitCode, Is.Zero);
            }

            using (var vm = await VictoriaMetricsServer.StartAsync())
            {
                var worker = TestSinks.Worker(store, TestSinks.Create(TestSinks.Influx2(vm.Url)));
                var clock = Stopwatch.StartNew();
                var result = await worker.DrainOnceAsync(CancellationToken.None);
                var rate = points / clock.Elapsed.TotalSeconds;
                Assert.That(result.Sent, Is.EqualTo(points));
                var generated = TestPoints.Checks(points, 0);
                var format = Stopwatch.StartNew();
                var chars = generated.Sum(p => Probe.Upload.LineProtocol.Format(p).Length);
                TestContext.Out.WriteLine($"format only: {points / format.Elapsed.TotalSeconds:F0}/s ({chars} chars)");
                var store1 = new InMemoryResultStore();
                store1.Add(TestPoints.Checks(points, TestPoints.RecentStartMs() - (points * 1000L)));
                var worker1 = TestSinks.Worker(store1, TestSinks.Create(TestSinks.Influx1(vm.Url)));
                var clock1 = Stopwatch.StartNew();
                await worker1.DrainOnceAsync(CancellationToken.None);
                TestContext.Out.WriteLine($"influx1 sink drain: {points / clock1.Elapsed.TotalSeconds:F0}/s");
                TestContext.Out.WriteLine($"{points} points: drain {rate:F0}/s, curl ceiling {ceiling:F0}/s, ratio {rate / ceiling:F2}, lp {new FileInfo(lineProtocol).Length / points} B/point");
            }
        }
        finally
        {
            File.Delete(lineProtocol);
        }
    }
}
