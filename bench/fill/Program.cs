using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Probe.Bench.Fill;
using Probe.Checks;
using Probe.Configuration;
using Probe.Storage.Rows;
using Probe.Storage.Schema;
using Probe.Storage.Store;
using Probe.Storage;

// probe-bench-fill STORE_PATH COUNT [BATCH]: appends COUNT synthetic results through the real store
// (AddResultStore, i.e. SqliteResultStore) in batches, then prints the append rate and the bytes written.
if (args.Length > 0 && args[0] == "--cadence")
{
    return await Cadence.RunAsync(args[1..]);
}

if (args.Length < 2)
{
    await Console.Error.WriteLineAsync("usage: probe-bench-fill STORE_PATH COUNT [BATCH=500]");
    return 2;
}

var path = Path.GetFullPath(args[0]);
var count = long.Parse(args[1], CultureInfo.InvariantCulture);
var batchSize = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 500;

var options = new ProbeOptions { Id = "bench-01", Region = "Dakar", Access = "fixed", Asn = 8346, Isp = "Sonatel" };
options.Store.Path = path;
// The bound must not drop anything here: this measures appends, not eviction.
options.Store.MaxBytes = 64L * 1024 * 1024 * 1024;

var services = new ServiceCollection();
services.AddLogging(logging => logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning));
services.AddSingleton(Options.Create(options));
services.AddResultStore();

// Points sit in the last hour so a store with a default retention accepts them.
var start = TimeProvider.System.GetUtcNow().AddHours(-1);
var bootId = File.ReadAllText("/proc/sys/kernel/random/boot_id").Trim();
var before = WriteBytes();
var watch = Stopwatch.StartNew();
await using (var provider = services.BuildServiceProvider())
{
    var store = provider.GetRequiredService<IResultStore>();
    var batch = new List<CheckResult>(batchSize);
    for (long i = 0; i < count; i++)
    {
        batch.Add(SyntheticResults.Create(i, start, bootId));
        if (batch.Count == batchSize || i == count - 1)
        {
            await store.AppendResultsAsync(batch, CancellationToken.None);
            batch = new List<CheckResult>(batchSize);
        }
    }

    var status = await store.GetStatusAsync(CancellationToken.None);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"store_status={status}"));
}

// Disposing the store closes the connection, which checkpoints the WAL: its writes count too.
watch.Stop();
var written = WriteBytes() - before;
var files = new[] { path, path + "-wal", path + "-shm" }.Where(File.Exists).Sum(f => new FileInfo(f).Length);
var rate = count / watch.Elapsed.TotalSeconds;
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"results={count} batch={batchSize} seconds={watch.Elapsed.TotalSeconds:F2} append_rate_per_s={rate:F0} " +
    $"write_bytes={written} write_bytes_per_1000={written * 1000.0 / count:F0} file_bytes={files} file_bytes_per_1000={files * 1000.0 / count:F0}"));
return 0;

static long WriteBytes()
{
    foreach (var line in File.ReadLines("/proc/self/io"))
    {
        if (line.StartsWith("write_bytes:", StringComparison.Ordinal))
        {
            return long.Parse(line["write_bytes:".Length..].Trim(), CultureInfo.InvariantCulture);
        }
    }

    return 0;
}
