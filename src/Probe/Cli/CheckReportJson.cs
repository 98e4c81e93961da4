using System.Text.Json;
using Probe.Checks;
using Probe.Verdicts;

namespace Probe.Cli;

/// <summary>Writes a <see cref="CheckReport"/> as the one JSON object of the <c>probe check --json</c> contract (PROBE.md section 4).</summary>
/// <remarks>
/// Written field by field with <see cref="Utf8JsonWriter"/> rather than by reflection: the
/// contract's names are explicit here, and the trimmed single-file build needs no metadata.
/// Fields beyond the contract (qtype, lane, tlsVersion, bytes; finding kind and resolver) are
/// additive and documented in PROBE.md.
/// </remarks>
public static class CheckReportJson
{
    public static void Write(Stream output, CheckReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        using var json = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteStartObject("probe");
        json.WriteString("id", report.ProbeId);
        json.WriteString("version", report.Version);
        json.WriteEndObject();
        json.WriteString("startedAt", report.StartedAt);
        json.WriteStartArray("results");
        foreach (var result in report.Results)
        {
            WriteResult(json, result);
        }

        json.WriteEndArray();
        WriteVerdict(json, report.Verdict);
        json.WriteEndObject();
        json.Flush();
    }

    private static void WriteResult(Utf8JsonWriter json, CheckResult r)
    {
        json.WriteStartObject();
        json.WriteString("target", r.Target);
        json.WriteStringOrNull("group", r.Group?.ToName());
        json.WriteStringOrNull("platform", r.Platform);
        json.WriteString("kind", r.Kind.ToName());
        json.WriteString("host", r.Host);
        json.WriteStringOrNull("resolver", r.Resolver);
        json.WriteStringOrNull("qtype", r.QueryType);
        json.WriteStringOrNull("address", r.Address);
        json.WriteNumberOrNull("port", r.Port);
        json.WriteBoolean("ok", r.Ok);
        json.WriteStringOrNull("failure", r.Failure);
        json.WriteNumber("ms", Math.Round(r.Ms, 1));
        json.WriteStringOrNull("rcode", r.Rcode);
        json.WriteStartArray("answers");
        foreach (var answer in r.Answers)
        {
            json.WriteStringValue(answer);
        }

        json.WriteEndArray();
        json.WriteNumberOrNull("status", r.Status);
        json.WriteStringOrNull("tlsVersion", r.TlsVersion);
        json.WriteNumberOrNull("bytes", r.Bytes);
        json.WriteNumberOrNull("kbps", r.Kbps is { } kbps ? Math.Round(kbps, 1) : null);
        json.WriteString("lane", r.Lane.ToName());
        json.WriteStartObject("phases");
        WritePhase(json, "dns", r.Phases.Dns);
        WritePhase(json, "connect", r.Phases.Connect);
        WritePhase(json, "tls", r.Phases.Tls);
        WritePhase(json, "ttfb", r.Phases.Ttfb);
        WritePhase(json, "total", r.Phases.Total);
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteVerdict(Utf8JsonWriter json, Verdict verdict)
    {
        json.WriteStartObject("verdict");
        json.WriteString("state", verdict.State.ToName());
        json.WritePropertyName("findings");
        FindingJson.WriteArray(json, verdict.Findings);
        json.WriteEndObject();
    }

    private static void WritePhase(Utf8JsonWriter json, string name, double? ms)
    {
        if (ms is { } value)
        {
            json.WriteNumber(name, Math.Round(value, 1));
        }
    }
}
