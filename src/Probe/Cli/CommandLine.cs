using System.CommandLine;

namespace Probe.Cli;

/// <summary>The command tree of <c>probe --help</c> (DESIGN.md, Command line).</summary>
public static class CommandLine
{
    public const string DefaultConfigPath = "/etc/probe/probe.json";

    /// <summary>Recursive <c>--config FILE</c>, taken by every command.</summary>
    public static Option<string?> ConfigOption { get; } = new("--config", "-c")
    {
        Description = $"Configuration file (default {DefaultConfigPath}; built-in defaults when that file does not exist)",
        Recursive = true,
    };

    public static RootCommand Build(TextWriter stdout, TextWriter stderr)
    {
        var root = new RootCommand(
            "probe: an internet-shutdown measurement probe. Measures DNS, TCP, TLS and HTTP reachability of "
            + "national, international and platform targets, judges what kind of disruption it sees, buffers every "
            + "result locally and delivers it exactly once to an InfluxDB-compatible store.");
        root.Options.Add(ConfigOption);
        var io = new ConsoleIo(stdout, stderr);
        root.Subcommands.Add(RunCommand.Create(io));
        root.Subcommands.Add(CheckCommand.Create(io));
        root.Subcommands.Add(UploadCommand.Create(io));
        root.Subcommands.Add(ExportCommand.Create(io));
        root.Subcommands.Add(StatusCommand.Create(io));
        root.Subcommands.Add(TargetsCommand.Create(io));
        root.Subcommands.Add(LedsCommand.Create(io));
        root.Subcommands.Add(ConfigCommand.Create(io));
        return root;
    }
}
