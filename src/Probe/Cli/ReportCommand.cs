using System.CommandLine;
using System.Reflection;
using System.Text;
using Microsoft.Extensions.Logging;
using Probe.Localization;
using Probe.Report;

namespace Probe.Cli;

/// <summary>
/// <c>probe report [--since T] [--until T] [--input FILE…] [--format html|md|json|csv] [--lang fr|en] [--output F]</c>:
/// incidents for advocacy. Exit 0; 1 no data; 65 an input file is not a probe export (the message names file and line).
/// </summary>
internal static class ReportCommand
{
    public static Command Create(ConsoleIo io)
    {
        var since = new Option<string?>("--since") { Description = Text.Get("report.option.since") };
        var until = new Option<string?>("--until") { Description = Text.Get("report.option.until") };
        var input = new Option<string[]>("--input", "-i") { Description = Text.Get("report.option.input"), AllowMultipleArgumentsPerToken = true };
        var format = new Option<string>("--format", "-f") { Description = Text.Get("report.option.format"), DefaultValueFactory = _ => "html" };
        format.AcceptOnlyFromAmong("html", "md", "json", "csv");
        var lang = new Option<string?>("--lang") { Description = Text.Get("report.option.lang") };
        lang.AcceptOnlyFromAmong([.. TextCatalog.Languages]);
        var output = new Option<string?>("--output", "-o") { Description = Text.Get("report.option.output") };
        var command = new Command("report", Text.Get("report.description")) { since, until, input, format, lang, output };
        command.SetAction(async (parse, ct) =>
        {
            var now = TimeProvider.System.GetUtcNow();
            if (!ExportCommand.TryParseSince(parse.GetValue(since), now, out var from))
            {
                io.Error.WriteLine(Text.Format("report.error.time", "--since", parse.GetValue(since)));
                return ExitCodes.Usage;
            }

            if (!ExportCommand.TryParseSince(parse.GetValue(until), now, out var to))
            {
                io.Error.WriteLine(Text.Format("report.error.time", "--until", parse.GetValue(until)));
                return ExitCodes.Usage;
            }

            var words = new ReportWording(parse.GetValue(lang) is { } l ? TextCatalog.For(l) : Text.Current);
            var files = parse.GetValue(input) ?? [];
            ReportModel? model;
            try
            {
                if (files.Length > 0)
                {
                    model = await Build(new ExportFileRows(files), from, to, now, ct);
                }
                else
                {
                    await using var session = CommandSession.Open(parse, io, LogLevel.Warning);
                    if (session is null)
                    {
                        return ExitCodes.Config;
                    }

                    model = await Build(new StoreRows(session.Get<Storage.IResultStore>()), from, to, now, ct);
                }
            }
            catch (ReportInputException e)
            {
                io.Error.WriteLine(Text.Format("report.error.input", e.Message));
                return ExitCodes.DataError;
            }

            if (model is null)
            {
                io.Error.WriteLine(Text.Get("report.error.nodata"));
                return ExitCodes.Incomplete;
            }

            return Write(io, model, parse.GetValue(format) ?? "html", words, parse.GetValue(output));
        });
        return command;
    }

    private static Task<ReportModel?> Build(IReportRows rows, DateTimeOffset? from, DateTimeOffset? to, DateTimeOffset now, CancellationToken ct) =>
        ReportBuilder.BuildAsync(rows, from?.ToUnixTimeMilliseconds(), to?.ToUnixTimeMilliseconds(), now, Version, ct);

    private static int Write(ConsoleIo io, ReportModel model, string format, ReportWording words, string? path)
    {
        Stream target;
        try
        {
            target = path is null ? Console.OpenStandardOutput() : new FileStream(path, FileMode.Create, FileAccess.Write);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            io.Error.WriteLine(Text.Format("report.error.output", path, e.Message));
            return ExitCodes.CantCreate;
        }

        using (target)
        {
            if (format == "json")
            {
                JsonReportRenderer.Write(target, model);
            }
            else
            {
                using var writer = new StreamWriter(target, new UTF8Encoding(false), 1 << 16, leaveOpen: true);
                switch (format)
                {
                    case "csv": CsvReportRenderer.Write(writer, model); break;
                    case "md": MarkdownReportRenderer.Write(writer, model, words); break;
                    default: HtmlReportRenderer.Write(writer, model, words); break;
                }
            }
        }

        var done = new ReportWording(Text.Current);
        io.Error.WriteLine(Text.Format("report.done", done.Incidents(model.Incidents.Count), done.Probes(model.Probes.Count)));
        return ExitCodes.Ok;
    }

    private static string Version =>
        typeof(ReportCommand).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";
}
