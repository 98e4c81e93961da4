using System.CommandLine;

namespace Probe.Cli;

/// <summary><c>probe config check</c>: validates and prints the effective configuration, secrets masked.</summary>
internal static class ConfigCommand
{
    public static Command Create(ConsoleIo io)
    {
        var check = new Command("check", "Validate the configuration and print the effective configuration, secrets masked (exit 78 when invalid)");
        check.SetAction(parse =>
        {
            var configuration = CommandSession.LoadConfiguration(parse, io);
            if (configuration is null)
            {
                return ExitCodes.Config;
            }

            try
            {
                _ = Targets.TargetList.Load(configuration.Options);
            }
            catch (Configuration.ConfigurationException e)
            {
                foreach (var problem in e.Problems)
                {
                    io.Error.WriteLine($"config error: {problem.Key}: {problem.Problem}");
                }

                return ExitCodes.Config;
            }

            io.Out.WriteLine(configuration.ToMaskedJson());
            io.Error.WriteLine($"configuration valid ({configuration.FilePath ?? "built-in defaults"})");
            return ExitCodes.Ok;
        });
        return new Command("config", "Configuration commands") { check };
    }
}
