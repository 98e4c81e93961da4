using InfluxDB.Client;
using InfluxDB.Client.Api.Domain;
using InfluxDB.Client.Core.Exceptions;
using Probe.Storage;

namespace Probe.Upload;

/// <summary>InfluxDB 2.x/3.x, Cloud and v2-compatible stores (VictoriaMetrics) through InfluxDB.Client's write API, ms precision.</summary>
internal sealed class Influx2Sink : ISink, IDisposable
{
    private readonly InfluxDBClient _client;
    private readonly string _bucket;
    private readonly string _org;

    public Influx2Sink(string url, string org, string bucket, string? token, TimeSpan requestTimeout)
    {
        _org = org;
        _bucket = bucket;
        var options = new InfluxDBClientOptions(url)
        {
            Org = org,
            Bucket = bucket,
            // The Polly pipeline owns the per-attempt timeout; the client's own is only a backstop behind it.
            Timeout = requestTimeout + TimeSpan.FromSeconds(5),
        };
        if (token is not null)
        {
            options.Token = token;
        }

        _client = new InfluxDBClient(options);
        // Line protocol shrinks about tenfold under gzip: on a metered link that is most of the probe's upload traffic.
        _client.EnableGzip();
    }

    public bool Enabled => true;

    public async Task<SinkOutcome> WriteAsync(IReadOnlyList<ProbePoint> points, CancellationToken cancellationToken)
    {
        // The lines are InfluxDB.Client's own (PointData.ToLineProtocol); handing them over as records spares the client
        // a second conversion per point, which halves the drain's CPU cost.
        var lines = LineProtocol.FormatBatch(points);
        try
        {
            await _client.GetWriteApiAsync()
                .WriteRecordsAsync(lines, WritePrecision.Ms, _bucket, _org, cancellationToken)
                .ConfigureAwait(false);
            return SinkOutcome.Delivered;
        }
        catch (HttpException ex) when (ex.Status != 0)
        {
            var retryAfter = ex.RetryAfter is { } seconds ? TimeSpan.FromSeconds(seconds) : (TimeSpan?)null;
            return SinkOutcome.FromStatus(ex.Status, retryAfter, Shorten(ex.Message));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A failure caused by our own cancellation (the per-attempt timeout) must surface as cancellation.
            cancellationToken.ThrowIfCancellationRequested();
            return SinkOutcome.Unreachable(Shorten(ex.GetBaseException().Message));
        }
    }

    public void Dispose() => _client.Dispose();

    internal static string Shorten(string text) => text.Length <= 300 ? text : text[..300];
}
