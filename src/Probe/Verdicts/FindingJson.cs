using System.Text.Json;

namespace Probe.Verdicts;

/// <summary>Findings as JSON, the one spelling shared by <c>probe check --json</c> and the stored <c>findings</c> field.</summary>
internal static class FindingJson
{
    public static void WriteArray(Utf8JsonWriter json, IReadOnlyList<Finding> findings)
    {
        json.WriteStartArray();
        foreach (var finding in findings)
        {
            json.WriteStartObject();
            json.WriteString("state", finding.State.ToName());
            json.WriteString("platform", finding.Platform);
            json.WriteStartArray("targets");
            foreach (var target in finding.Targets)
            {
                json.WriteStringValue(target);
            }

            json.WriteEndArray();
            json.WriteString("failure", finding.Failure);
            json.WriteString("kind", finding.Kind);
            json.WriteString("resolver", finding.Resolver);
            // Only on findings that have them (throttling): every other finding keeps its spelling.
            if (finding.How is not null)
            {
                json.WriteString("how", finding.How);
                json.WriteString("group", finding.Group);
                json.WriteNumber("ratio", finding.Ratio ?? 0);
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
    }
}
