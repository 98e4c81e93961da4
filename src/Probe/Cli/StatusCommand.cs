using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Probe.Clock;
using Probe.Storage;

namespace Probe.Cli;

/// <summary><c>probe status [--json]</c>: what the buffer holds, the last verdict and upload, and the clock, for a field technician.</summary>
internal static class StatusCommand
{
    public static Command Create(ConsoleIo io)
    {
        var json = new Option<bool>("--json") { Description = "Print one JSON object instead of text" };
        var command = new Command("status", "Show buffer rows and bytes, oldest undelivered row, dropped rows, last verdict, last upload and the clock state") { json };
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

    private static void WriteText(TextWriter o, string id, Configuration.StoreOptions store, string sink, StoreStatus s, ClockReading clock)
    {
        var inv = CultureInfo.InvariantCulture;
        var percent = store.MaxBytes > 0 ? 100.0 * s.Bytes / store.MaxBytes : 0;
        o.WriteLine($"probe          {id}");
        o.WriteLine(string.Create(inv, $"buffer         {s.Rows} rows, {s.Bytes / 1024.0 / 1024.0:0.0} MiB of {store.MaxBytes / 1024.0 / 1024.0:0} MiB ({percent:0}%) in {store.Path}"));
        o.WriteLine($"undelivered    {s.PendingRows} rows" + (s.OldestPending is { } oldest ? $", oldest {Format(oldest)}" : ""));
        o.WriteLine($"delivered      {s.DeliveredTotal} rows in all");
        o.WriteLine($"dropped        {s.DroppedTotal} undelivered rows dropped for space; {s.SetAsideTotal} set aside as rejected by the store");
        o.WriteLine($"last verdict   {s.LastVerdict ?? "none yet"}" + (s.LastVerdictAt is { } at ? $" since {Format(at)}" : ""));
        o.WriteLine($"last upload    {(s.LastUploadAt is { } up ? Format(up) : "never")} (sink: {sink})");
        o.WriteLine($"clock          {(clock.Synced ? "synchronized" : "NOT synchronized (results are kept and re-stamped when it syncs)")}, now {Format(clock.Wall)}, boot {clock.BootId}");
    }

    private static string ToJson(string id, Configuration.StoreOptions store, string sink, StoreStatus s, ClockReading clock)
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

    private static string Format(DateTimeOffset t) => t.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
