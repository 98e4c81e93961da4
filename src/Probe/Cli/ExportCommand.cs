using System.CommandLine;
using Probe.Localization;
using System.Globalization;
using Microsoft.Extensions.Logging;
using Probe.Upload;

namespace Probe.Cli;

/// <summary><c>probe export [--since T] [--pending] [--format lp|csv|json] [--output F]</c>: the local store, for analysts or a USB stick.</summary>
internal static class ExportCommand
{
    public static Command Create(ConsoleIo io)
    {
        var since = new Option<string?>("--since")
        {
            Description = Text.Get("cli.export.since"),
        };
        var pending = new Option<bool>("--pending") { Description = Text.Get("cli.export.pending") };
        var format = new Option<string>("--format", "-f")
        {
            Description = Text.Get("cli.export.format"),
            DefaultValueFactory = _ => "lp",
        };
        format.AcceptOnlyFromAmong("lp", "csv", "json");
        var output = new Option<string?>("--output", "-o") { Description = Text.Get("cli.export.output") };
        var command = new Command("export", Text.Get("cli.export.description")) { since, pending, format, output };
        command.SetAction(async (parse, ct) =>
        {
            if (!TryParseSince(parse.GetValue(since), TimeProvider.System.GetUtcNow(), out var from))
            {
                io.Error.WriteLine(Text.Format("export.error.since", parse.GetValue(since)));
                return ExitCodes.Usage;
            }

            await using var session = CommandSession.Open(parse, io, LogLevel.Warning);
            if (session is null)
            {
                return ExitCodes.Config;
            }

            var kind = parse.GetValue(format) switch
            {
                "csv" => ExportFormat.Csv,
                "json" => ExportFormat.Json,
                _ => ExportFormat.Lp,
            };
            var path = parse.GetValue(output);
            Stream target;
            try
            {
                target = path is null ? Console.OpenStandardOutput() : new FileStream(path, FileMode.Create, FileAccess.Write);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                io.Error.WriteLine(Text.Format("export.error.output", path, e.Message));
                return ExitCodes.CantCreate;
            }

            await using (target)
            {
                var count = await new Exporter(session.Get<Storage.IResultStore>()).ExportAsync(target, kind, from, parse.GetValue(pending), ct);
                io.Error.WriteLine(path is null ? Text.Format("export.done", count) : Text.Format("export.done.to", count, path));
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>Parses an ISO 8601 time or an age (30m, 6h, 2d) relative to <paramref name="now"/>.</summary>
    internal static bool TryParseSince(string? text, DateTimeOffset now, out DateTimeOffset? since)
    {
        since = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
        {
            since = at;
            return true;
        }

        var unit = text[^1];
        if (double.TryParse(text[..^1], NumberStyles.Float, CultureInfo.InvariantCulture, out var amount) && amount >= 0)
        {
            TimeSpan? age = unit switch
            {
                's' => TimeSpan.FromSeconds(amount),
                'm' => TimeSpan.FromMinutes(amount),
                'h' => TimeSpan.FromHours(amount),
                'd' => TimeSpan.FromDays(amount),
                _ => null,
            };
            if (age is { } a)
            {
                since = now - a;
                return true;
            }
        }

        return false;
    }
}
