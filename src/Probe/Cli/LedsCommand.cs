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
                io.Error.WriteLine("--dwell: must be zero or more seconds");
                return ExitCodes.Usage;
            }

            var leds = configuration.Options.Leds;
            using var loggers = LoggerFactory.Create(logging => ProbeLogging.Configure(logging, LogLevel.Information));
            await using var panel = LedPanelFactory.Create(ProbeFeatures.LedSettings(leds), TimeProvider.System, loggers);
            io.Out.WriteLine($"LED walk-through, driver {leds.Driver}, pins power {leds.Pins.Power}, net-green {leds.Pins.NetGreen}, net-red {leds.Pins.NetRed}, upload {leds.Pins.Upload}"
                + (leds.ActiveLow ? " (active low)" : ""));
            await new LedWalkthrough(panel, io.Out, TimeProvider.System, TimeSpan.FromSeconds(seconds)).RunAsync(ct);
            return ExitCodes.Ok;
        });
        return new Command("leds", Text.Get("cli.leds.description")) { test, LedsCardCommand.Create(io) };
    }
}
