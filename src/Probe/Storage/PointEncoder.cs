using System.Buffers;
using System.Globalization;
using System.Text.Json;
using Probe.Checks;
using Probe.Configuration;
using Probe.Verdicts;

namespace Probe.Storage;

/// <summary>Turns results, state changes and health samples into stored records shaped exactly like DESIGN.md's schema.</summary>
internal sealed class PointEncoder
{
    private readonly KeyValuePair<string, string>[] _identity;
    private readonly string _probeId;

    public PointEncoder(ProbeOptions options)
    {
        _probeId = options.Id;
        _identity =
        [
            new("probe", options.Id),
            new("asn", options.Asn?.ToString(CultureInfo.InvariantCulture) ?? ""),
            new("isp", options.Isp ?? ""),
            new("access", options.Access ?? ""),
            new("region", options.Region ?? ""),
        ];
    }

    public NewRecord Encode(CheckResult result)
    {
        var tags = new List<KeyValuePair<string, string>>(_identity)
        {
            new("group", result.Group?.ToString().ToLowerInvariant() ?? ""),
            new("platform", result.Platform ?? ""),
            new("target", result.Target),
            new("kind", result.Kind.ToString().ToLowerInvariant()),
            new("resolver", result.Resolver ?? ""),
            new("qtype", result.QueryType ?? ""),
            new("port", result.Port?.ToString(CultureInfo.InvariantCulture) ?? ""),
            new("lane", result.Lane == Lane.Sentinel ? "sentinel" : "round"),
            new("failure", result.Failure ?? ""),
        };

        var fields = WriteFields(w =>
        {
            w.WriteBoolean("ok", result.Ok);
            w.WriteNumber("total_ms", result.Phases.Total ?? result.Ms);
            WriteOptional(w, "dns_ms", result.Phases.Dns);
            WriteOptional(w, "connect_ms", result.Phases.Connect);
            WriteOptional(w, "tls_ms", result.Phases.Tls);
            WriteOptional(w, "ttfb_ms", result.Phases.Ttfb);
            if (result.Status is { } status)
            {
                w.WriteNumber("status", status);
            }

            WriteOptional(w, "rcode", result.Rcode);
            WriteOptional(w, "answers", result.Answers.Count == 0 ? null : string.Join(',', result.Answers));
            WriteOptional(w, "address", result.Address);
            if (result.Bytes is { } bytes)
            {
                w.WriteNumber("bytes", bytes);
            }
        });
        return new NewRecord(RecordKind.Check, Measurements.Check, TagsJson(tags), fields, result.Clock);
    }

    public NewRecord Encode(VerdictChange change)
    {
        var fields = WriteFields(w =>
        {
            w.WriteString("state", change.Current.State.ToName());
            w.WriteString("previous", change.Previous.ToName());
            w.WriteString("findings", FindingsJson(change.Current.Findings));
        });
        return new NewRecord(RecordKind.Verdict, Measurements.Verdict, TagsJson(_identity), fields, change.Clock);
    }

    public NewRecord Encode(HealthSample sample)
    {
        var fields = WriteFields(w =>
        {
            w.WriteNumber("buffer_rows", sample.BufferRows);
            w.WriteNumber("buffer_bytes", sample.BufferBytes);
            w.WriteNumber("dropped_total", sample.DroppedTotal);
            w.WriteNumber("upload_lag_s", sample.UploadLagSeconds);
            w.WriteNumber("rss_bytes", sample.RssBytes);
            w.WriteNumber("cpu_seconds", sample.CpuSeconds);
            w.WriteNumber("uptime_s", sample.UptimeSeconds);
            w.WriteBoolean("clock_synced", sample.Clock.Synced);
        });
        return new NewRecord(RecordKind.Health, Measurements.Health, TagsJson(_identity), fields, sample.Clock);
    }

    /// <summary>The correction of a boot whose unsynchronized rows were already sent: add offset_ms to their timestamps (first_ms..last_ms as sent).</summary>
    public (string TagsJson, string FieldsJson) EncodeClockCorrection(string bootId, long offsetMs, long firstMs, long lastMs)
    {
        var tags = TagsJson([new("probe", _probeId), new("boot", bootId)]);
        var fields = WriteFields(w =>
        {
            w.WriteNumber("offset_ms", offsetMs);
            w.WriteString("boot_id", bootId);
            w.WriteNumber("first_ms", firstMs);
            w.WriteNumber("last_ms", lastMs);
        });
        return (tags, fields);
    }

    private static string FindingsJson(IReadOnlyList<Finding> findings) => WriteJson(w => FindingJson.WriteArray(w, findings));

    /// <summary>Tags as a JSON object, sorted by key, empty values omitted: the deterministic text that names a series.</summary>
    private static string TagsJson(IEnumerable<KeyValuePair<string, string>> tags)
    {
        return WriteJson(w =>
        {
            w.WriteStartObject();
            foreach (var tag in tags.Where(t => t.Value.Length > 0).OrderBy(t => t.Key, StringComparer.Ordinal))
            {
                w.WriteString(tag.Key, tag.Value);
            }

            w.WriteEndObject();
        });
    }

    private static string WriteFields(Action<Utf8JsonWriter> body)
    {
        return WriteJson(w =>
        {
            w.WriteStartObject();
            body(w);
            w.WriteEndObject();
        });
    }

    private static string WriteJson(Action<Utf8JsonWriter> body)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            body(writer);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static void WriteOptional(Utf8JsonWriter writer, string name, double? value)
    {
        if (value is { } v)
        {
            writer.WriteNumber(name, v);
        }
    }

    private static void WriteOptional(Utf8JsonWriter writer, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            writer.WriteString(name, value);
        }
    }
}
