using System.Net;

namespace Probe.Tests.Fixtures;

/// <summary>
/// A real VictoriaMetrics inside a network namespace, on an address the namespace's rules can cut off; read back with
/// curl run inside the same namespace, so the test process never needs a socket there.
/// </summary>
internal sealed class NamespacedVictoriaMetrics : IDisposable
{
    private readonly NetworkNamespace _ns;
    private readonly FixtureProcess _process;
    private readonly string _dir;

    private NamespacedVictoriaMetrics(NetworkNamespace ns, FixtureProcess process, string dir, IPEndPoint endpoint)
    {
        _ns = ns;
        _process = process;
        _dir = dir;
        EndPoint = endpoint;
    }

    public IPEndPoint EndPoint { get; }

    public Uri Url => new($"http://{EndPoint}");

    public string Output => _process.Output;

    public static NamespacedVictoriaMetrics Start(NetworkNamespace ns, IPEndPoint endpoint)
    {
        var dir = Directory.CreateTempSubdirectory("probe-drill-vm-").FullName;
        string[] arguments =
        [
            $"-storageDataPath={Path.Combine(dir, "data")}",
            $"-httpListenAddr={endpoint}",
            // Duplicates (same series and timestamp) are counted away, as InfluxDB overwrites them.
            "-dedup.minScrapeInterval=1ms",
            "-search.disableCache",
            "-loggerLevel=WARN",
            // By default VM sizes its caches to 60 % of the machine's memory: a 2-core CI box shared with builds needs less.
            "-memory.allowedBytes=256MiB",
        ];
        var process = FixtureProcess.Start("victoria-metrics", "victoria-metrics", arguments, ns);
        try
        {
            process.WaitForTcp(endpoint, ns, TimeSpan.FromSeconds(30));
        }
        catch
        {
            process.Dispose();
            Directory.Delete(dir, recursive: true);
            throw;
        }

        return new NamespacedVictoriaMetrics(ns, process, dir, endpoint);
    }

    /// <summary>The raw NDJSON of /api/v1/export for <paramref name="match"/>, after a flush so fresh writes are visible.</summary>
    public string ExportRaw(string match = "{__name__=~\"probe_.*\"}")
    {
        Curl($"{Url}internal/force_flush");
        return Curl("--data-urlencode", $"match[]={match}", $"{Url}api/v1/export");
    }

    /// <summary>The sum of a VM self-metric over its label sets (e.g. vm_rows_inserted_total: rows received, before dedup).</summary>
    public double SelfMetric(string name) =>
        Curl($"{Url}metrics").Split('\n')
            .Where(l => l.StartsWith(name + "{", StringComparison.Ordinal) || l.StartsWith(name + " ", StringComparison.Ordinal))
            .Sum(l => double.Parse(l[(l.LastIndexOf(' ') + 1)..], System.Globalization.CultureInfo.InvariantCulture));


    public void Dispose()
    {
        _process.Dispose();
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a temp dir left behind is harmless.
        }
    }

    private string Curl(params string[] arguments)
    {
        try
        {
            return _ns.Run("curl", "curl", ["--silent", "--show-error", "--fail", "--max-time", "60", .. arguments]);
        }
        catch (InvalidOperationException e)
        {
            var output = Output;
            throw new InvalidOperationException(
                $"reading VictoriaMetrics at {Url} failed; it has {(_process.HasExited ? "exited" : "not exited")}; " +
                $"its last output: {(output.Length > 2000 ? output[^2000..] : output)}", e);
        }
    }
}
