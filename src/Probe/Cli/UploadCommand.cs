using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.Logging;
using Probe.Clock;
using Probe.Localization;
using Probe.Storage.Rows;
using Probe.Storage.Schema;
using Probe.Storage.Store;
using Probe.Upload;

namespace Probe.Cli;

/// <summary><c>probe upload</c>: sends everything buffered to the sink now; exit 0 when all was delivered, 1 when some is left.</summary>
internal static class UploadCommand
{
    public static Command Create(ConsoleIo io)
    {
        var command = new Command("upload", Text.Get("cli.upload.description"));
        command.SetAction(async (parse, ct) =>
        {
            await using var session = CommandSession.Open(parse, io, LogLevel.Information, sends: true);
            if (session is null)
            {
                return ExitCodes.Config;
            }

            if (!SinkKinds.Sends(session.Options.Sink.Kind))
            {
                io.Error.WriteLine(Text.Get("upload.no.sink"));
                return ExitCodes.Incomplete;
            }

            var result = await session.Get<UploadWorker>().DrainOnceAsync(ct);
            io.Out.WriteLine(Text.Format("upload.counts", result.Sent, result.SetAside, result.Left)
                + (result.StoppedBy is { } stop ? Text.Format("upload.stopped", Stopped(stop)) : ""));
            if (result.Left > 0 && result.StoppedBy is null)
            {
                // The queue ran dry with rows left: those are the ones held for their boot's clock (UnsyncedRelease).
                var synced = session.Get<IProbeClock>().Read().Synced;
                io.Out.WriteLine(Text.Format(
                    "upload.waiting.clock",
                    result.Left,
                    Text.Get(synced ? "upload.clock.now.synced" : "upload.clock.now.unsynced"),
                    Duration(session.Options.Store.UnsyncedHoldLimit)));
            }

            return result.ExitCode;
        });
        return command;
    }

    // Kind and status stay English (they are the contract's words); only the sentence around them is translated.
    private static string Stopped(SinkOutcome stop) =>
        stop.Kind + (stop.StatusCode is { } code ? $" {code}" : "") + (stop.Detail is { } d ? $", {d}" : "");

    private static string Duration(TimeSpan span) =>
        span.TotalHours >= 1 && span.TotalHours == Math.Floor(span.TotalHours)
            ? string.Create(CultureInfo.InvariantCulture, $"{span.TotalHours:0} h")
            : string.Create(CultureInfo.InvariantCulture, $"{span.TotalMinutes:0} min");
}
