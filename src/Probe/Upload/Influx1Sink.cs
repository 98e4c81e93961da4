using Probe.Storage;

namespace Probe.Upload;

/// <summary>InfluxDB 1.x: POST /write?db=…&amp;precision=ms, gzipped line protocol.</summary>
internal sealed class Influx1Sink(string url, string database, string? token, TimeProvider time) : ISink, IDisposable
{
    private readonly LineWriteClient _client = new(
        new Uri(new Uri(url.TrimEnd('/') + "/"), $"write?db={Uri.EscapeDataString(database)}&precision=ms"), token, time);

    public bool Enabled => true;

    public Task<SinkOutcome> WriteAsync(IReadOnlyList<ProbePoint> points, CancellationToken cancellationToken) =>
        _client.PostAsync(LineBatch.Of(points), cancellationToken);

    public void Dispose() => _client.Dispose();
}
