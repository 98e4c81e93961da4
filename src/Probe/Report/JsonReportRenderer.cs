using System.Text.Encodings.Web;
using System.Text.Json;

namespace Probe.Report;

/// <summary><c>probe report --format json</c>, in the shape PROBE.md section 3, "Making and sharing a report", shows, plus each incident's clock counts and where its evidence starts (evidence.from).</summary>
internal static class JsonReportRenderer
{
    public static void Write(Stream output, ReportModel model)
    {
        using var json = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        json.WriteStartObject();
        json.WriteString("generatedAt", model.GeneratedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture));
        json.WriteStartArray("probes");
        foreach (var p in model.Probes)
        {
            json.WriteStartObject();
            json.WriteString("id", p.Id);
            json.WriteString("region", p.Region);
            json.WriteString("isp", p.Isp);
            if (p.Asn is { } asn)
            {
                json.WriteNumber("asn", asn);
            }
            else
            {
                json.WriteNull("asn");
            }

            json.WriteString("from", ReportTime.Iso(p.FromMs));
            json.WriteString("to", ReportTime.Iso(p.ToMs));
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartArray("incidents");
        foreach (var i in model.Incidents)
        {
            json.WriteStartObject();
            json.WriteString("probe", i.Probe);
            json.WriteString("state", i.State);
            json.WriteString("start", ReportTime.Iso(i.StartMs));
            json.WriteString("end", i.EndMs is { } end ? ReportTime.Iso(end) : null);
            json.WriteNumber("durationS", Math.Round(i.DurationS, 3));
            json.WriteStartArray("platforms");
            foreach (var p in i.Platforms)
            {
                json.WriteStartObject();
                json.WriteString("platform", p.Platform);
                json.WriteString("how", p.How);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartArray("groups");
            foreach (var g in i.Groups)
            {
                json.WriteStringValue(g);
            }

            json.WriteEndArray();
            json.WriteStartObject("evidence");
            json.WriteNumber("checks", i.Evidence.Checks);
            json.WriteNumber("failed", i.Evidence.Failed);
            json.WriteString("from", ReportTime.Iso(i.Evidence.FromMs));
            json.WriteStartObject("failures");
            foreach (var (failure, n) in i.Evidence.Failures)
            {
                json.WriteNumber(failure, n);
            }

            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteStartObject("clock");
            json.WriteNumber("synced", i.Evidence.Clock.Synced);
            json.WriteNumber("corrected", i.Evidence.Clock.Corrected);
            json.WriteNumber("unsynced", i.Evidence.Clock.Unsynced);
            json.WriteEndObject();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
        json.Flush();
        output.Write("\n"u8);
    }
}
