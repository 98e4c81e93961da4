using System.CommandLine;
using Probe.Localization;

namespace Probe.Cli;

/// <summary>The command tree of <c>probe --help</c> (PROBE.md section 4, "Commands").</summary>
public static class CommandLine
{
    public const string DefaultConfigPath = "/etc/probe/probe.json";

    /// <summary>Recursive <c>--config FILE</c>, taken by every command.</summary>
    public static Option<string?> ConfigOption { get; } = new("--config", "-c")
    {
        Recursive = true,
    };

    /// <summary>The file <c>--config</c> (or <c>-c</c>) names in raw arguments, else the default path: read before the
    /// command line is built, for the language its help is written in.</summary>
    public static string ConfigPathIn(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if ((arg is "--config" or "-c") && i + 1 < args.Count)
            {
                return args[i + 1];
            }

            if (arg.StartsWith("--config=", StringComparison.Ordinal) || arg.StartsWith("--config:", StringComparison.Ordinal))
            {
                return arg["--config=".Length..];
            }
        }

        return DefaultConfigPath;
    }

    public static RootCommand Build(TextWriter stdout, TextWriter stderr)
    {
        var root = new RootCommand(Text.Get("cli.root.description"));
        // Set here, not where the option is made: ConfigPathIn runs before the language is chosen.
        ConfigOption.Description = Text.Format("cli.config.option", DefaultConfigPath);
        foreach (var option in root.Options)
        {
            option.Description = option switch
            {
                System.CommandLine.Help.HelpOption => Text.Get("cli.help.option"),
                VersionOption => Text.Get("cli.version.option"),
                _ => option.Description,
            };
        }

        root.Options.Add(ConfigOption);
        var io = new ConsoleIo(stdout, stderr);
        root.Subcommands.Add(RunCommand.Create(io));
        root.Subcommands.Add(CheckCommand.Create(io));
        root.Subcommands.Add(UploadCommand.Create(io));
        root.Subcommands.Add(ExportCommand.Create(io));
        root.Subcommands.Add(ReportCommand.Create(io));
        root.Subcommands.Add(StatusCommand.Create(io));
        root.Subcommands.Add(TargetsCommand.Create(io));
        root.Subcommands.Add(LedsCommand.Create(io));
        root.Subcommands.Add(ConfigCommand.Create(io));
        return root;
    }
}
