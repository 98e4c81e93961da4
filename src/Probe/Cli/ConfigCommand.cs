using System.CommandLine;
using Probe.Localization;

namespace Probe.Cli;

/// <summary><c>probe config check</c>: validates and prints the effective configuration, secrets masked.</summary>
internal static class ConfigCommand
{
    public static Command Create(ConsoleIo io)
    {
        var check = new Command("check", Text.Get("cli.config.check.description"));
        check.SetAction(parse =>
        {
            if (CommandSession.LoadValidated(parse, io) is not var (configuration, _))
            {
                return ExitCodes.Config;
            }

            io.Out.WriteLine(configuration.ToMaskedJson());
            io.Error.WriteLine(Text.Format("config.check.valid", configuration.FilePath ?? Text.Get("config.check.defaults")));
            return ExitCodes.Ok;
        });
        return new Command("config", Text.Get("cli.config.description")) { check };
    }
}
