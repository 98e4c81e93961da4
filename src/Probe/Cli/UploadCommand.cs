using System.CommandLine;
using Microsoft.Extensions.Logging;
using Probe.Upload;

namespace Probe.Cli;

/// <summary><c>probe upload</c>: sends everything buffered to the sink now; exit 0 when all was delivered, 1 when some is left.</summary>
internal static class UploadCommand
{
    public static Command Create(ConsoleIo io)
    {
        var command = new Command("upload", "Send everything buffered to the configured store now and print the counts (exit 1 when some is left)");
        command.SetAction(async (parse, ct) =>
        {
            await using var session = CommandSession.Open(parse, io, LogLevel.Information, sends: true);
            if (session is null)
            {
                return ExitCodes.Config;
            }

            if (session.Options.Sink.Kind == "none")
            {
                io.Error.WriteLine("no sink configured (Probe:Sink:Kind is none): nothing to upload to");
                return ExitCodes.Incomplete;
            }

            var result = await session.Get<UploadWorker>().DrainOnceAsync(ct);
            io.Out.WriteLine($"delivered {result.Sent}, set aside {result.SetAside}, left {result.Left}"
                + (result.StoppedBy is { } stop ? $" (stopped: {stop.Kind}{(stop.StatusCode is { } code ? $" {code}" : "")}{(stop.Detail is { } d ? $", {d}" : "")})" : ""));
            return result.ExitCode;
        });
        return command;
    }
}
