using System.Net.Http.Headers;
using System.Text;
using Probe.Storage;

namespace Probe.Upload;

/// <summary>InfluxDB 1.x: POST /write?db=…&amp;precision=ms with line protocol made by InfluxDB.Client's point type.</summary>
internal sealed class Influx1Sink : ISink, IDisposable
{
    private readonly HttpClient _http;
    private readonly Uri _writeUri;
    private readonly TimeProvider _time;

    public Influx1Sink(string url, string database, string? token, TimeProvider time)
    {
        _time = time;
        _writeUri = new Uri(new Uri(url.TrimEnd('/') + "/"), $"write?db={Uri.EscapeDataString(database)}&precision=ms");
        // The Polly pipeline owns the per-attempt timeout.
        _http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        if (token is not null)
        {
            _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Token", token);
        }
    }

    public bool Enabled => true;

    public async Task<SinkOutcome> WriteAsync(IReadOnlyList<ProbePoint> points, CancellationToken cancellationToken)
    {
        var lines = LineProtocol.FormatBatch(points);
        var body = new StringBuilder(lines.Count * 320);
        foreach (var line in lines)
        {
            body.Append(line).Append('\n');
        }

        try
        {
            using var content = Gzipped(body.ToString());
            using var response = await _http.PostAsync(_writeUri, content, cancellationToken).ConfigureAwait(false);
            if (response.IsSuccessStatusCode)
            {
                return SinkOutcome.Delivered;
            }

            var detail = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            return SinkOutcome.FromStatus((int)response.StatusCode, RetryAfterOf(response), Influx2Sink.Shorten(detail.Trim()));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            cancellationToken.ThrowIfCancellationRequested();
            return SinkOutcome.Unreachable(Influx2Sink.Shorten(ex.GetBaseException().Message));
        }
    }

    public void Dispose() => _http.Dispose();

    // InfluxDB 1.x takes gzip bodies on /write; line protocol shrinks about tenfold, which matters on a metered link.
    private static ByteArrayContent Gzipped(string lines)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new System.IO.Compression.GZipStream(buffer, System.IO.Compression.CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(Encoding.UTF8.GetBytes(lines));
        }

        var content = new ByteArrayContent(buffer.ToArray());
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("text/plain") { CharSet = "utf-8" };
        content.Headers.ContentEncoding.Add("gzip");
        return content;
    }

    private TimeSpan? RetryAfterOf(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta;
        }

        if (header?.Date is { } date)
        {
            var wait = date - _time.GetUtcNow();
            return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        }

        return null;
    }
}
