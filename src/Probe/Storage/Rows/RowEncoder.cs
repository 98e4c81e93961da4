using System.Buffers;
using System.Globalization;
using System.Text.Json;
using Probe.Checks;
using Probe.Configuration;
using Probe.Storage.Schema;
using Probe.Storage.Store;
using Probe.Verdicts;

namespace Probe.Storage.Rows;

/// <summary>Turns results, state changes and health samples into stored rows shaped exactly like the schema of PROBE.md section 3 (timers kept to the microsecond).</summary>
internal sealed class RowEncoder
{
    private readonly KeyValuePair<string, string>[] _identity;
    private readonly string _probeId;

    public RowEncoder(ProbeOptions options)
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

    public NewRow Encode(CheckResult result)
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

        var fields = new FieldsBuilder()
            .Bool("ok", result.Ok)
            .Timer("total_ms", result.Phases.Total ?? result.Ms);
        OptionalTimer(fields, "dns_ms", result.Phases.Dns);
        OptionalTimer(fields, "connect_ms", result.Phases.Connect);
        OptionalTimer(fields, "tls_ms", result.Phases.Tls);
        OptionalTimer(fields, "ttfb_ms", result.Phases.Ttfb);
        if (result.Status is { } status)
        {
            fields.Integer("status", status);
        }

        OptionalText(fields, "rcode", result.Rcode);
        OptionalText(fields, "answers", result.Answers.Count == 0 ? null : string.Join(',', result.Answers));
        OptionalText(fields, "address", result.Address);
        if (result.Bytes is { } bytes)
        {
            fields.Integer("bytes", bytes);
        }

        if (result.Kbps is { } kbps)
        {
            fields.Number("kbps", kbps);
        }

        return new NewRow(RowKind.Check, Measurements.Check, TagsJson(tags), fields.Build(), result.Clock);
    }

    public NewRow Encode(VerdictChange change)
    {
        var fields = new FieldsBuilder()
            .Text("state", change.Current.State.ToName())
            .Text("previous", change.Previous.ToName())
            .Text("findings", FindingsJson(change.Current.Findings))
            .Build();
        return new NewRow(RowKind.Verdict, Measurements.Verdict, TagsJson(_identity), fields, change.Clock);
    }

    public NewRow Encode(HealthSample sample)
    {
        var builder = new FieldsBuilder()
            .Integer("buffer_rows", sample.BufferRows)
            .Integer("buffer_bytes", sample.BufferBytes)
            .Integer("dropped_total", sample.DroppedTotal)
            .Number("upload_lag_s", sample.UploadLagSeconds)
            .Integer("rss_bytes", sample.RssBytes)
            .Number("cpu_seconds", sample.CpuSeconds)
            .Number("uptime_s", sample.UptimeSeconds)
            .Bool("clock_synced", sample.Clock.Synced);
        if (sample.TrafficBytesTotal is { } traffic)
        {
            builder.Integer("traffic_bytes_total", traffic);
        }

        if (sample.DiskWriteBytesTotal is { } disk)
        {
            builder.Integer("disk_write_bytes_total", disk);
        }

        var fields = builder.Build();
        return new NewRow(RowKind.Health, Measurements.Health, TagsJson(_identity), fields, sample.Clock);
    }

    /// <summary>The correction of a boot whose unsynchronized rows were already sent: add offset_ms to their timestamps (first_ms..last_ms as sent).</summary>
    public (string TagsJson, byte[] Fields) EncodeClockCorrection(string bootId, long offsetMs, long firstMs, long lastMs)
    {
        var tags = TagsJson([new("probe", _probeId), new("boot", bootId)]);
        var fields = new FieldsBuilder()
            .Integer("offset_ms", offsetMs)
            .Text("boot_id", bootId)
            .Integer("first_ms", firstMs)
            .Integer("last_ms", lastMs)
            .Build();
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

    private static string WriteJson(Action<Utf8JsonWriter> body)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            body(writer);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static void OptionalTimer(FieldsBuilder fields, string name, double? ms)
    {
        if (ms is { } value)
        {
            fields.Timer(name, value);
        }
    }

    private static void OptionalText(FieldsBuilder fields, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            fields.Text(name, value);
        }
    }
}
