using System.CommandLine;
using Probe.Localization;
using System.Reflection;
using Microsoft.Extensions.Logging;
using Probe.Checks;
using Probe.Clock;
using Probe.Storage;
using Probe.Verdicts;

namespace Probe.Cli;

/// <summary><c>probe check [--json] [--no-store]</c>: one full round now, its results and the verdict of that round.</summary>
internal static class CheckCommand
{
    public static Command Create(ConsoleIo io)
    {
        var json = new Option<bool>("--json") { Description = Text.Get("cli.check.json") };
        var noStore = new Option<bool>("--no-store") { Description = Text.Get("cli.check.nostore") };
        var command = new Command("check", Text.Get("cli.check.description"))
        {
            json,
            noStore,
        };
        command.SetAction((parse, ct) => RunAsync(io, parse, parse.GetValue(json), parse.GetValue(noStore), ct));
        return command;
    }

    private static async Task<int> RunAsync(ConsoleIo io, ParseResult parse, bool json, bool noStore, CancellationToken ct)
    {
        await using var session = CommandSession.Open(parse, io, LogLevel.Warning);
        if (session is null)
        {
            return ExitCodes.Config;
        }

        var started = session.Get<IProbeClock>().Read().Wall;
        var results = await session.Get<IChecker>().RunRoundAsync(session.Targets.All, ct);
        if (!noStore)
        {
            await StoreAsync(session, io, results, ct);
        }

        var verdict = session.Get<IVerdictEngine>().Evaluate(results);
        var report = new CheckReport(session.Options.Id, Version, started, results, verdict);
        if (json)
        {
            using var buffer = new MemoryStream();
            CheckReportJson.Write(buffer, report);
            io.Out.WriteLine(System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
        }
        else
        {
            CheckReportTable.Write(io.Out, report);
        }

        return ExitCodes.Ok;
    }

    /// <summary>Stores the round; a store that cannot be opened or written loses the buffer, never the printed results.</summary>
    private static async Task StoreAsync(CommandSession session, ConsoleIo io, IReadOnlyList<CheckResult> results, CancellationToken ct)
    {
        try
        {
            await session.Get<IResultStore>().AppendResultsAsync(results, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            io.Error.WriteLine(Text.Format("check.store.failed", session.Options.Store.Path, e.Message));
        }
    }

    public static string Version { get; } =
        typeof(CheckCommand).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";
}
