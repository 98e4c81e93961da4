using System.Text.Encodings.Web;
using System.Text.Json;
using Probe.Storage;

namespace Probe.Upload;

/// <summary>NDJSON: one object per line, so a million rows stream out (and into jq or pandas) without one giant array.</summary>
internal sealed class JsonExportWriter(Stream output) : IExportWriter
{
    private static readonly byte[] NewLine = "\n"u8.ToArray();
    private readonly BufferedStream _buffer = new(output, 1 << 16);
    private readonly Utf8JsonWriter _json = new(Stream.Null, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

    public async Task WriteAsync(ProbePoint point, CancellationToken cancellationToken)
    {
        _json.Reset(_buffer);
        _json.WriteStartObject();
        _json.WriteString("measurement", point.Measurement);
        _json.WriteString("time", ExportText.Time(point.TimestampMs));
        _json.WriteNumber("timestamp_ms", point.TimestampMs);
        _json.WriteStartObject("tags");
        foreach (var (key, value) in point.Tags)
        {
            _json.WriteString(key, value);
        }

        _json.WriteEndObject();
        _json.WriteStartObject("fields");
        foreach (var (key, value) in point.Fields)
        {
            WriteValue(key, value);
        }

        _json.WriteEndObject();
        _json.WriteEndObject();
        await _json.FlushAsync(cancellationToken).ConfigureAwait(false);
        await _buffer.WriteAsync(NewLine, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await _json.DisposeAsync().ConfigureAwait(false);
        await _buffer.FlushAsync().ConfigureAwait(false);
        // The caller owns the output stream: only our buffer's content is flushed into it.
    }

    private void WriteValue(string key, object value)
    {
        switch (value)
        {
            case bool b: _json.WriteBoolean(key, b); break;
            case long l: _json.WriteNumber(key, l); break;
            case int i: _json.WriteNumber(key, i); break;
            case double d when double.IsFinite(d): _json.WriteNumber(key, d); break;
            case double: _json.WriteNull(key); break;
            default: _json.WriteString(key, ExportText.Value(value)); break;
        }
    }
}
