using System.CommandLine;
using System.Text;
using Probe.Gpio;
using Probe.Localization;
using Probe.Status;

namespace Probe.Cli;

/// <summary><c>probe leds card [--format svg|html] [--lang fr|en] [--output F]</c>: the printable LED card, drawn from the code's LED table and this configuration's pins.</summary>
internal static class LedsCardCommand
{
    public static Command Create(ConsoleIo io)
    {
        var format = new Option<string>("--format", "-f") { Description = Text.Get("leds.card.cli.format"), DefaultValueFactory = _ => "svg" };
        format.AcceptOnlyFromAmong("svg", "html");
        var lang = new Option<string>("--lang") { Description = Text.Get("leds.card.cli.lang"), DefaultValueFactory = _ => Text.Current.Language };
        lang.AcceptOnlyFromAmong([.. TextCatalog.Languages]);
        var output = new Option<string?>("--output", "-o") { Description = Text.Get("leds.card.cli.output") };
        var command = new Command("card", Text.Get("leds.card.cli.description")) { format, lang, output };
        command.SetAction(async (parse, ct) =>
        {
            var configuration = CommandSession.LoadConfiguration(parse, io);
            if (configuration is null)
            {
                return ExitCodes.Config;
            }

            var options = configuration.Options;
            var pins = options.Leds.Pins;
            var catalog = TextCatalog.For(parse.GetValue(lang) ?? Text.Current.Language);
            var input = new LedCardInput(options.Id, new LedPins(pins.Power, pins.NetGreen, pins.NetRed, pins.Upload), options.Leds.ActiveLow);
            var svg = LedCardSvg.Render(input, catalog);
            var card = parse.GetValue(format) == "html" ? LedCardPage.Render(svg, catalog) : LedCardSvg.Serialize(svg);
            var path = parse.GetValue(output);
            if (path is null)
            {
                await io.Out.WriteAsync(card.AsMemory(), ct);
                return ExitCodes.Ok;
            }

            try
            {
                await File.WriteAllTextAsync(path, card, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), ct);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                await io.Error.WriteLineAsync(Text.Format("leds.card.cannot-write", path, e.Message));
                return ExitCodes.CantCreate;
            }

            await io.Error.WriteLineAsync(Text.Format("leds.card.written", path));
            return ExitCodes.Ok;
        });
        return command;
    }
}
