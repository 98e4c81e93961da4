using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Probe.Clock;
using Probe.Localization;
using Probe.Storage;

namespace Probe.Cli;

/// <summary><c>probe status [--json]</c>: what the buffer holds, the last verdict and upload, and the clock, for a field technician.</summary>
internal static class StatusCommand
{
    public static Command Create(ConsoleIo io)
    {
        var json = new Option<bool>("--json") { Description = Text.Get("cli.status.json") };
        var command = new Command("status", Text.Get("cli.status.description")) { json };
        command.SetAction(async (parse, ct) =>
        {
            await using var session = CommandSession.Open(parse, io, LogLevel.Warning);
            if (session is null)
            {
                return ExitCodes.Config;
            }

            var status = await session.Get<IResultStore>().GetStatusAsync(ct);
            var clock = session.Get<IProbeClock>().Read();
            var options = session.Options;
            var account = Budget.AccountFile.Read(Budget.AccountFile.PathFor(options.Store.Path));
            if (parse.GetValue(json))
            {
                io.Out.WriteLine(BudgetStatus.AddTo(ToJson(options.Id, options.Store, options.Sink.Kind, status, clock), options.Budget.DailyBytes, account));
            }
            else
            {
                WriteText(io.Out, options.Id, options.Store, options.Sink.Kind, status, clock);
                BudgetStatus.WriteText(io.Out, options.Budget.DailyBytes, account);
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static void WriteText(TextWriter o, string id, StoreOptions store, string sink, StoreStatus s, ClockReading clock)
    {
        var inv = CultureInfo.InvariantCulture;
        var percent = store.MaxBytes > 0 ? 100.0 * s.Bytes / store.MaxBytes : 0;
        o.WriteLine(Line("status.probe", id));
        o.WriteLine(Line("status.buffer", Text.Format("status.buffer.value", s.Rows, (s.Bytes / 1024.0 / 1024.0).ToString("0.0", inv), (store.MaxBytes / 1024.0 / 1024.0).ToString("0", inv), percent.ToString("0", inv), store.Path)));
        o.WriteLine(Line("status.undelivered", Text.Format("status.undelivered.value", s.PendingRows) + (s.OldestPending is { } oldest ? Text.Format("status.undelivered.oldest", Format(oldest)) : "")));
        o.WriteLine(Line("status.delivered", Text.Format("status.delivered.value", s.DeliveredTotal)));
        o.WriteLine(Line("status.dropped", Text.Format("status.dropped.value", s.DroppedTotal, s.SetAsideTotal)));
        o.WriteLine(Line("status.verdict", s.LastVerdict is null ? Text.Get("status.verdict.none") : s.LastVerdictAt is { } at ? Text.Format("status.verdict.since", s.LastVerdict, Format(at)) : s.LastVerdict));
        o.WriteLine(Line("status.upload", Text.Format("status.upload.value", s.LastUploadAt is { } up ? Format(up) : Text.Get("status.upload.never"), sink)));
        o.WriteLine(Line("status.clock", Text.Format("status.clock.value", Text.Get(clock.Synced ? "status.clock.synced" : "status.clock.unsynced"), Format(clock.Wall), clock.BootId)));
    }

    private static string ToJson(string id, StoreOptions store, string sink, StoreStatus s, ClockReading clock)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("probe", id);
            json.WriteStartObject("buffer");
            json.WriteString("path", store.Path);
            json.WriteNumber("rows", s.Rows);
            json.WriteNumber("bytes", s.Bytes);
            json.WriteNumber("maxBytes", store.MaxBytes);
            json.WriteNumber("pendingRows", s.PendingRows);
            json.WriteTimeOrNull("oldestPending", s.OldestPending);
            json.WriteNumber("deliveredTotal", s.DeliveredTotal);
            json.WriteNumber("droppedTotal", s.DroppedTotal);
            json.WriteNumber("setAsideTotal", s.SetAsideTotal);
            json.WriteEndObject();
            json.WriteStartObject("verdict");
            json.WriteStringOrNull("state", s.LastVerdict);
            json.WriteTimeOrNull("since", s.LastVerdictAt);
            json.WriteEndObject();
            json.WriteStartObject("upload");
            json.WriteString("sink", sink);
            json.WriteTimeOrNull("lastAt", s.LastUploadAt);
            json.WriteEndObject();
            json.WriteStartObject("clock");
            json.WriteBoolean("synced", clock.Synced);
            json.WriteString("now", clock.Wall);
            json.WriteString("bootId", clock.BootId);
            json.WriteNumber("monotonicMs", clock.MonotonicMs);
            json.WriteEndObject();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    // Labels are padded to one column, whatever their language's length.
    private static string Line(string labelKey, string value) => $"{Text.Get(labelKey),-15}{value}";

    private static string Format(DateTimeOffset t) => t.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
