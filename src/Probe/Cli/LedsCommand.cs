using System.CommandLine;
using Probe.Localization;
using Microsoft.Extensions.Logging;
using Probe.Gpio;

namespace Probe.Cli;

/// <summary><c>probe leds test</c>: walks every LED through every pattern, naming each, for field technicians.</summary>
internal static class LedsCommand
{
    public static Command Create(ConsoleIo io)
    {
        var dwell = new Option<double>("--dwell")
        {
            Description = Text.Get("cli.leds.test.dwell"),
            DefaultValueFactory = _ => LedWalkthrough.DefaultDwell.TotalSeconds,
        };
        var test = new Command("test", Text.Get("cli.leds.test.description")) { dwell };
        test.SetAction(async (parse, ct) =>
        {
            var configuration = CommandSession.LoadConfiguration(parse, io);
            if (configuration is null)
            {
                return ExitCodes.Config;
            }

            var seconds = parse.GetValue(dwell);
            if (seconds < 0 || double.IsNaN(seconds))
            {
                io.Error.WriteLine(Text.Get("leds.test.dwell.negative"));
                return ExitCodes.Usage;
            }

            var leds = configuration.Options.Leds;
            using var loggers = LoggerFactory.Create(logging => ProbeLogging.Configure(logging, LogLevel.Information));
            await using var panel = LedPanelFactory.Create(ProbeFeatures.LedSettings(leds), TimeProvider.System, loggers);
            io.Out.WriteLine(Text.Format("leds.test.header", leds.Driver, leds.Pins.Power, leds.Pins.NetGreen, leds.Pins.NetRed, leds.Pins.Upload)
                + (leds.ActiveLow ? Text.Get("leds.test.activelow") : ""));
            await new LedWalkthrough(panel, io.Out, TimeProvider.System, TimeSpan.FromSeconds(seconds), Text.Get("leds.test.done")).RunAsync(ct);
            return ExitCodes.Ok;
        });
        return new Command("leds", Text.Get("cli.leds.description")) { test, LedsCardCommand.Create(io) };
    }
}
