using System.Net.Http.Headers;
using System.Text.Json;

namespace Probe.Upload;

/// <summary>
/// POSTs a batch's gzipped line protocol to a write endpoint (v2 /api/v2/write or v1 /write) and classifies the answer:
/// the one HTTP path of both Influx sinks.
/// </summary>
internal sealed class LineWriteClient : IDisposable
{
    private readonly HttpClient _http;
    private readonly Uri _writeUri;
    private readonly TimeProvider _time;

    public LineWriteClient(Uri writeUri, string? token, TimeProvider time)
    {
        _writeUri = writeUri;
        _time = time;
        // The Polly pipeline owns the per-attempt timeout.
        _http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        if (token is not null)
        {
            _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Token", token);
        }
    }

    public async Task<SinkOutcome> PostAsync(LineBatch batch, CancellationToken cancellationToken)
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

    internal static string Shorten(string text) => text.Length <= 300 ? text : text[..300];

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
