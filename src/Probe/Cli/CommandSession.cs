using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Probe.Configuration;
using Probe.Targets;
using Probe.Upload;

namespace Probe.Cli;

/// <summary>
/// What every command starts from: the validated configuration, the effective targets and the
/// feature services. A configuration problem is printed as <c>config error: KEY: PROBLEM</c> and
/// becomes exit code 78 before any work starts.
/// </summary>
internal sealed class CommandSession : IAsyncDisposable
{
    private CommandSession(ProbeConfiguration configuration, TargetList targets, ServiceProvider services)
    {
        Configuration = configuration;
        Targets = targets;
        Services = services;
    }

    public ProbeConfiguration Configuration { get; }

    public ProbeOptions Options => Configuration.Options;

    public TargetList Targets { get; }

    public ServiceProvider Services { get; }

    public T Get<T>()
        where T : notnull => Services.GetRequiredService<T>();

    /// <summary>Loads and validates the configuration; on a problem prints it and returns null with exit code 78.</summary>
    public static ProbeConfiguration? LoadConfiguration(ParseResult parse, ConsoleIo io)
    {
        var path = parse.GetValue(CommandLine.ConfigOption);
        try
        {
            return ProbeConfiguration.Load(path ?? ProbeConfiguration.DefaultPath, pathExplicit: path is not null, environment: null);
        }
        catch (ConfigurationException e)
        {
            Print(io, e);
            return null;
        }
    }

    /// <summary>The configuration and the effective targets, both validated; null (after printing why) on a problem.</summary>
    /// <param name="parse">The command line.</param>
    /// <param name="io">Where problems are printed.</param>
    /// <param name="sends">The command sends to the sink (run, upload): its token file must be readable.</param>
    public static (ProbeConfiguration Configuration, TargetList Targets)? LoadValidated(ParseResult parse, ConsoleIo io, bool sends = false)
    {
        var configuration = LoadConfiguration(parse, io);
        if (configuration is null)
        {
            return null;
        }

        if (sends && SinkOptionsValidator.TokenFileProblem(configuration.Options.Sink) is { } token)
        {
            io.Error.WriteLine(Localization.Text.Format("cli.config.error", token.Key, token.Problem));
            return null;
        }

        try
        {
            return (configuration, TargetList.Load(configuration.Options));
        }
        catch (ConfigurationException e)
        {
            Print(io, e);
            return null;
        }
    }

    /// <summary>Opens a session with the feature services; null (after printing why) on a configuration problem.</summary>
    public static CommandSession? Open(ParseResult parse, ConsoleIo io, LogLevel minimumLevel, bool sends = false)
    {
        if (LoadValidated(parse, io, sends) is not var (configuration, targets))
        {
            return null;
        }

        var services = new ServiceCollection();
        services.AddLogging(logging => ProbeLogging.Configure(logging, minimumLevel));
        services.AddProbeFeatures(configuration);
        services.AddSingleton(targets);
        return new CommandSession(configuration, targets, services.BuildServiceProvider());
    }

    private static void Print(ConsoleIo io, ConfigurationException e)
    {
        foreach (var problem in e.Problems)
        {
            io.Error.WriteLine(Localization.Text.Format("cli.config.error", problem.Key, problem.Problem));
        }
    }

    public ValueTask DisposeAsync() => Services.DisposeAsync();
}
