using System.Globalization;
using Probe.Tests.Upload;

namespace Probe.Tests.Fixtures;

/// <summary>A real VictoriaMetrics (Debian package) on a free loopback port in a temp dir; it takes the InfluxDB v2 write API.</summary>
/// <remarks>VM answers 204 even to lines it rejects: always verify by reading back with <see cref="ExportAsync"/>.</remarks>
internal sealed class VictoriaMetricsServer : IDisposable
{
    private readonly LoopbackServerProcess _process;
    private readonly string _dir;
    private readonly HttpClient _http;

    private VictoriaMetricsServer(LoopbackServerProcess process, string dir, int port)
    {
        _process = process;
        _dir = dir;
        Port = port;
        Url = new Uri($"http://127.0.0.1:{port}");
        _http = new HttpClient { BaseAddress = Url, Timeout = TimeSpan.FromSeconds(30) };
    }

    public int Port { get; }

    public Uri Url { get; }

    /// <summary>Starts VM (on <paramref name="port"/> when given, e.g. one reserved while the store was "down").</summary>
    public static async Task<VictoriaMetricsServer> StartAsync(int? port = null, params string[] extraArguments)
    {
        var binary = LoopbackServerProcess.RequireBinary("victoria-metrics", "victoria-metrics");
        var dir = Directory.CreateTempSubdirectory("probe-vm-").FullName;
        var chosen = port ?? LoopbackServerProcess.FreePort();
        string[] arguments =
        [
            $"-storageDataPath={Path.Combine(dir, "data")}",
            $"-httpListenAddr=127.0.0.1:{chosen}",
            // Duplicates (same series and timestamp) are counted away, as InfluxDB overwrites them.
            "-dedup.minScrapeInterval=1ms",
            "-search.disableCache",
            .. extraArguments,
        ];
        var process = LoopbackServerProcess.Start(binary, arguments, dir);
        var server = new VictoriaMetricsServer(process, dir, chosen);
        try
        {
            await process.WaitHealthyAsync(new Uri(server.Url, "/health"), "victoria-metrics");
        }
        catch
        {
            server.Dispose();
            throw;
        }

        return server;
    }

    /// <summary>
    /// Every sample of the series matching <paramref name="match"/>, once VM's answer has settled: even after a
    /// force_flush VM may take a moment to show the last batches of a burst (seen in UploadKillTests: 52 500 of 150 000
    /// samples at the first read, all 150 000 a few seconds later), so it reads again until two reads a second apart agree.
    /// </summary>
    public async Task<IReadOnlyList<VmSeries>> ExportAsync(string match = "{__name__=~\"probe_.*\"}")
    {
        var read = await ExportOnceAsync(match);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (true)
        {
            await Task.Delay(1000);
            var again = await ExportOnceAsync(match);
            if (Samples(again) == Samples(read) || DateTime.UtcNow > deadline)
            {
                return again;
            }

            read = again;
        }

        static long Samples(IReadOnlyList<VmSeries> series) => series.Sum(s => (long)s.Timestamps.Length);
    }

    private async Task<IReadOnlyList<VmSeries>> ExportOnceAsync(string match)
    {
        using (var flush = await _http.GetAsync(new Uri("/internal/force_flush", UriKind.Relative)))
        {
            flush.EnsureSuccessStatusCode();
        }

        using var form = new FormUrlEncodedContent([new("match[]", match)]);
        using var response = await _http.PostAsync(new Uri("/api/v1/export", UriKind.Relative), form);
        response.EnsureSuccessStatusCode();
        return VmSeries.ParseExport(await response.Content.ReadAsStringAsync());
    }

    /// <summary>The sum of a VM self-metric over its label sets (e.g. vm_rows_inserted_total: rows received, before dedup).</summary>
    public async Task<double> SelfMetricAsync(string name)
    {
        var text = await _http.GetStringAsync(new Uri("/metrics", UriKind.Relative));
        return text.Split('\n')
            .Where(l => l.StartsWith(name + "{", StringComparison.Ordinal) || l.StartsWith(name + " ", StringComparison.Ordinal))
            .Sum(l => double.Parse(l[(l.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture));
    }

    /// <summary>POSTs raw line protocol to /api/v2/write?precision=ms, as a plain client would.</summary>
    public async Task<int> PostLineProtocolAsync(string lineProtocol)
    {
        using var content = new StringContent(lineProtocol);
        using var response = await _http.PostAsync(new Uri("/api/v2/write?org=probe&bucket=probe&precision=ms", UriKind.Relative), content);
        return (int)response.StatusCode;
    }

    public void Dispose()
    {
        _process.Dispose();
        _http.Dispose();
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a temp dir left behind is harmless.
        }
    }
}
