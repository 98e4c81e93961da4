using System.Net.Http.Headers;
using System.Text.Json;
using Probe.Budget;

namespace Probe.Upload;

/// <summary>
/// The influx2 and influx1 sinks: POSTs a batch's gzipped line protocol to the write endpoint (the request
/// InfluxDB.Client's write API makes) and classifies the answer. The kinds differ only in the endpoint.
/// </summary>
internal sealed class InfluxSink : ISink, IDisposable
{
    private readonly HttpClient _http;
    private readonly Uri _writeUri;
    private readonly TimeProvider _time;

    private InfluxSink(Uri writeUri, string? token, TimeProvider time, TrafficMeter? meter)
    {
        _writeUri = writeUri;
        _time = time;
        // The Polly pipeline owns the per-attempt timeout.
        _http = meter is null
            ? new HttpClient { Timeout = Timeout.InfiniteTimeSpan }
            : new HttpClient(MeteredConnect.Handler(meter)) { Timeout = Timeout.InfiniteTimeSpan };
        if (token is not null)
        {
            _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Token", token);
        }
    }

    public bool Enabled => true;

    /// <summary>InfluxDB 2.x/3.x, Cloud and v2-compatible stores (VictoriaMetrics): POST /api/v2/write with <c>Authorization: Token …</c>.</summary>
    public static InfluxSink V2(string url, string org, string bucket, string? token, TimeProvider time, TrafficMeter? meter = null) =>
        new(Endpoint(url, $"api/v2/write?org={Uri.EscapeDataString(org)}&bucket={Uri.EscapeDataString(bucket)}&precision=ms"), token, time, meter);

    /// <summary>InfluxDB 1.x: POST /write?db=….</summary>
    public static InfluxSink V1(string url, string database, string? token, TimeProvider time, TrafficMeter? meter = null) =>
        new(Endpoint(url, $"write?db={Uri.EscapeDataString(database)}&precision=ms"), token, time, meter);

    public Task<SinkOutcome> WriteAsync(IReadOnlyList<Storage.ProbePoint> points, CancellationToken cancellationToken) =>
        PostAsync(LineBatch.Of(points), cancellationToken);

    private static Uri Endpoint(string url, string path) => new(new Uri(url.TrimEnd('/') + "/"), path);

    private async Task<SinkOutcome> PostAsync(LineBatch batch, CancellationToken cancellationToken)
    {
        // Nothing writable (every point without a finite field): there is nothing the store could ever take.
        if (batch.Lines == 0)
        {
            return SinkOutcome.Delivered;
        }

        try
        {
            using var content = batch.ToContent();
            using var response = await _http.PostAsync(_writeUri, content, cancellationToken).ConfigureAwait(false);
            if (response.IsSuccessStatusCode)
            {
                return SinkOutcome.Delivered;
            }

            var detail = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            return SinkOutcome.FromStatus((int)response.StatusCode, RetryAfterOf(response), Shorten(MessageOf(detail)));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A failure caused by our own cancellation (the per-attempt timeout) must surface as cancellation.
            cancellationToken.ThrowIfCancellationRequested();
            return SinkOutcome.Unreachable(Shorten(ex.GetBaseException().Message));
        }
    }

    public void Dispose() => _http.Dispose();

    private static string Shorten(string text) => text.Length <= 300 ? text : text[..300];

    // InfluxDB 2.x answers {"code": …, "message": …}, 1.x {"error": …}: the text a person needs, else the body as is.
    private static string MessageOf(string body)
    {
        var text = body.Trim();
        if (text.StartsWith('{'))
        {
            try
            {
                using var json = JsonDocument.Parse(text);
                foreach (var name in (ReadOnlySpan<string>)["message", "error"])
                {
                    if (json.RootElement.ValueKind == JsonValueKind.Object
                        && json.RootElement.TryGetProperty(name, out var message) && message.ValueKind == JsonValueKind.String)
                    {
                        return message.GetString()!;
                    }
                }
            }
            catch (JsonException)
            {
                // Not JSON after all: the body as it came is the best detail there is.
            }
        }

        return text;
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
