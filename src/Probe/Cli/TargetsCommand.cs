using System.CommandLine;
using Probe.Localization;
using System.Text.Json;
using Probe.Targets;

namespace Probe.Cli;

/// <summary><c>probe targets [--json]</c>: the effective target list with where each target came from.</summary>
internal static class TargetsCommand
{
    private static readonly string[] HeaderKeys = ["name", "group", "platform", "sentinel", "where", "ports", "source"];

    public static Command Create(ConsoleIo io)
    {
        var json = new Option<bool>("--json") { Description = Text.Get("cli.targets.json") };
        var command = new Command("targets", Text.Get("cli.targets.description")) { json };
        command.SetAction(parse =>
        {
            if (CommandSession.LoadValidated(parse, io) is not var (_, list))
            {
                return ExitCodes.Config;
            }

            if (parse.GetValue(json))
            {
                WriteJson(io.Out, list);
            }
            else
            {
                WriteTable(io.Out, list);
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static void WriteTable(TextWriter output, TargetList list)
    {
        var headers = HeaderKeys.Select(k => Text.Get("targets.column." + k)).ToArray();
        var rows = list.All.Select(t => new[]
        {
            t.Name,
            t.Group.ToName(),
            t.Platform ?? "-",
            t.Sentinel ? Text.Get("targets.sentinel.yes") : "",
            t.Url?.ToString() ?? t.Host + (t.Addresses.Count > 0 ? " @" + string.Join(",", t.Addresses) : ""),
            string.Join(",", t.Ports),
            t.Source,
        }).ToList();
        var widths = headers.Select((h, i) => Math.Max(h.Length, rows.Count == 0 ? 0 : rows.Max(r => r[i].Length))).ToArray();
        output.WriteLine(string.Join("  ", headers.Select((h, i) => h.PadRight(widths[i]))).TrimEnd());
        foreach (var row in rows)
        {
            output.WriteLine(string.Join("  ", row.Select((c, i) => c.PadRight(widths[i]))).TrimEnd());
        }

        output.WriteLine();
        output.WriteLine(Text.Format("targets.summary", list.All.Count, list.Sentinels.Count,
            string.Join(", ", list.All.GroupBy(t => t.Group).Select(g => $"{g.Count()} {g.Key.ToName()}"))));
    }

    private static void WriteJson(TextWriter output, TargetList list)
    {
        using var stdout = new MemoryStream();
        using (var json = new Utf8JsonWriter(stdout, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartArray();
            foreach (var t in list.All)
            {
                json.WriteStartObject();
                json.WriteString("name", t.Name);
                json.WriteString("group", t.Group.ToName());
                json.WriteStringOrNull("platform", t.Platform);

                json.WriteString("host", t.Host);
                json.WriteStringOrNull("url", t.Url?.ToString());

                json.WriteStartArray("ports");
                t.Ports.ToList().ForEach(json.WriteNumberValue);
                json.WriteEndArray();
                json.WriteStartArray("addresses");
                t.Addresses.ToList().ForEach(a => json.WriteStringValue(a.ToString()));
                json.WriteEndArray();
                json.WriteBoolean("sentinel", t.Sentinel);
                json.WriteBoolean("throughput", t.Throughput);
                json.WriteString("source", t.Source);
                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        output.WriteLine(System.Text.Encoding.UTF8.GetString(stdout.ToArray()));
    }
}
