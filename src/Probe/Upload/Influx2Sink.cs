using Probe.Storage;

namespace Probe.Upload;

/// <summary>
/// InfluxDB 2.x/3.x, Cloud and v2-compatible stores (VictoriaMetrics): POST /api/v2/write?org=…&amp;bucket=…&amp;precision=ms
/// with <c>Authorization: Token …</c> and gzipped line protocol, the request InfluxDB.Client's write API makes.
/// </summary>
internal sealed class Influx2Sink(string url, string org, string bucket, string? token, TimeProvider time) : ISink, IDisposable
{
    private readonly LineWriteClient _client = new(
        new Uri(new Uri(url.TrimEnd('/') + "/"),
            $"api/v2/write?org={Uri.EscapeDataString(org)}&bucket={Uri.EscapeDataString(bucket)}&precision=ms"),
        token,
        time);

    public bool Enabled => true;

    public Task<SinkOutcome> WriteAsync(IReadOnlyList<ProbePoint> points, CancellationToken cancellationToken) =>
        _client.PostAsync(LineBatch.Of(points), cancellationToken);

    public void Dispose() => _client.Dispose();
}
