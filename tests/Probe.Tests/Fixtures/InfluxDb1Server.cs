using System.Text.Json;
using Probe.Tests.Upload;

namespace Probe.Tests.Fixtures;

/// <summary>A real influxd 1.x (Debian package influxdb) with a generated config in a temp dir, every port on loopback, reporting off.</summary>
internal sealed class InfluxDb1Server : IDisposable
{
    public const string Database = "probe";

    private readonly LoopbackServerProcess _process;
    private readonly string _dir;
    private readonly HttpClient _http;

    private InfluxDb1Server(LoopbackServerProcess process, string dir, int port)
    {
        _process = process;
        _dir = dir;
        Url = new Uri($"http://127.0.0.1:{port}");
        _http = new HttpClient { BaseAddress = Url, Timeout = TimeSpan.FromSeconds(30) };
    }

    public Uri Url { get; }

    /// <summary>Starts influxd and creates <see cref="Database"/>; with <paramref name="adminPassword"/>, auth is on and user admin exists.</summary>
    public static async Task<InfluxDb1Server> StartAsync(string? adminPassword = null, int? port = null)
    {
        var binary = LoopbackServerProcess.RequireBinary("influxd", "influxdb");
        var dir = Directory.CreateTempSubdirectory("probe-influx1-").FullName;
        var httpPort = port ?? LoopbackServerProcess.FreePort();
        var rpcPort = LoopbackServerProcess.FreePort();
        var config = Path.Combine(dir, "influxdb.conf");
        await File.WriteAllTextAsync(config, $"""
            reporting-disabled = true
            bind-address = "127.0.0.1:{rpcPort}"
            [meta]
              dir = "{dir}/meta"
            [data]
              dir = "{dir}/data"
              wal-dir = "{dir}/wal"
              query-log-enabled = false
            [http]
              bind-address = "127.0.0.1:{httpPort}"
              log-enabled = false
              auth-enabled = {(adminPassword is null ? "false" : "true")}
            [monitor]
              store-enabled = false
            [continuous_queries]
              enabled = false
            """);
        var process = LoopbackServerProcess.Start(binary, ["-config", config], dir);
        var server = new InfluxDb1Server(process, dir, httpPort);
        try
        {
            await process.WaitHealthyAsync(new Uri(server.Url, "/ping"), "influxd");
            if (adminPassword is not null)
            {
                // influxd lets the first admin be created without credentials; everything after needs them.
                await server.ExecuteAsync($"CREATE USER admin WITH PASSWORD '{adminPassword}' WITH ALL PRIVILEGES");
                server._http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue(
                    "Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"admin:{adminPassword}")));
            }

            await server.ExecuteAsync($"CREATE DATABASE {Database}");
        }
        catch
        {
            server.Dispose();
            throw;
        }

        return server;
    }

    /// <summary>Runs a statement that returns nothing (CREATE, DROP …) and fails on an error answer.</summary>
    public async Task ExecuteAsync(string statement)
    {
        using var form = new FormUrlEncodedContent([new("q", statement)]);
        using var response = await _http.PostAsync(new Uri("/query", UriKind.Relative), form);
        var body = await response.Content.ReadAsStringAsync();
        Assert.That(response.IsSuccessStatusCode && !body.Contains("\"error\"", StringComparison.Ordinal), Is.True, $"{statement}: {body}");
    }

    /// <summary>Runs an InfluxQL query (epoch=ms) and returns every series of every statement.</summary>
    public async Task<IReadOnlyList<InfluxSeries>> QueryAsync(string influxQl, string database = Database)
    {
        var uri = $"/query?db={Uri.EscapeDataString(database)}&epoch=ms&q={Uri.EscapeDataString(influxQl)}";
        using var response = await _http.GetAsync(new Uri(uri, UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();
        Assert.That(response.IsSuccessStatusCode, Is.True, $"{influxQl}: {body}");
        using var doc = JsonDocument.Parse(body);
        var series = new List<InfluxSeries>();
        foreach (var result in doc.RootElement.GetProperty("results").EnumerateArray())
        {
            if (result.TryGetProperty("error", out var error))
            {
                Assert.Fail($"{influxQl}: {error.GetString()}");
            }

            if (!result.TryGetProperty("series", out var list))
            {
                continue;
            }

            foreach (var s in list.EnumerateArray())
            {
                var tags = new SortedDictionary<string, string>(StringComparer.Ordinal);
                if (s.TryGetProperty("tags", out var tagObject))
                {
                    foreach (var tag in tagObject.EnumerateObject())
                    {
                        tags[tag.Name] = tag.Value.GetString() ?? "";
                    }
                }

                var columns = s.GetProperty("columns").EnumerateArray().Select(c => c.GetString() ?? "").ToList();
                var rows = s.TryGetProperty("values", out var values)
                    ? values.EnumerateArray().Select(r => (IReadOnlyList<JsonElement>)r.EnumerateArray().Select(v => v.Clone()).ToList()).ToList()
                    : [];
                series.Add(new InfluxSeries(s.GetProperty("name").GetString() ?? "", tags, columns, rows));
            }
        }

        return series;
    }

    /// <summary>The httpd counters of /debug/vars (writeReq, authFail, pointsWrittenOK …): how often we were really called.</summary>
    public async Task<IReadOnlyDictionary<string, long>> HttpStatsAsync()
    {
        using var doc = JsonDocument.Parse(await _http.GetStringAsync(new Uri("/debug/vars", UriKind.Relative)));
        var httpd = doc.RootElement.EnumerateObject().First(p => p.Name.StartsWith("httpd", StringComparison.Ordinal));
        return httpd.Value.GetProperty("values").EnumerateObject()
            .Where(v => v.Value.ValueKind == JsonValueKind.Number)
            .ToDictionary(v => v.Name, v => v.Value.GetInt64());
    }

    /// <summary>POSTs raw line protocol to /write?db=…&amp;precision=ms, as a plain client would.</summary>
    public async Task<(int Status, string Body)> PostLineProtocolAsync(string lineProtocol, string database = Database)
    {
        using var content = new StringContent(lineProtocol);
        using var response = await _http.PostAsync(new Uri($"/write?db={database}&precision=ms", UriKind.Relative), content);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
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
