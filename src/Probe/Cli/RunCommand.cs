using System.CommandLine;
using Probe.Localization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Probe.Hosting;
using Probe.Upload;

namespace Probe.Cli;

/// <summary><c>probe run</c>: the daemon systemd starts (Type=notify, watchdog); exit 0 on a clean stop.</summary>
internal static class RunCommand
{
    public static Command Create(ConsoleIo io)
    {
        var command = new Command("run", Text.Get("cli.run.description"));
        command.SetAction(async (parse, ct) =>
        {
            if (CommandSession.LoadValidated(parse, io, sends: true) is not var (configuration, _))
            {
                return ExitCodes.Config;
            }

            var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
            ProbeLogging.Configure(builder.Logging, LogLevel.Information);
            builder.Services.AddSystemd();
            builder.Services.Configure<HostOptions>(options =>
            {
                options.ShutdownTimeout = TimeSpan.FromSeconds(20);
                // A failing background service is logged by the loops themselves; never take the host down.
                options.BackgroundServiceExceptionBehavior = BackgroundServiceExceptionBehavior.Ignore;
            });
            builder.Services.AddProbeFeatures(configuration);
            builder.Services.AddDaemon();

            // Only the daemon stages: a CLI command's few rows go straight to the card. CardMoves goes with the stage (its remarks say why).
            if (Storage.StoreStage.ForDaemon(configuration.Options.Store, Environment.GetEnvironmentVariable("RUNTIME_DIRECTORY")) is { } stage)
            {
                builder.Services.AddSingleton(stage);
                builder.Services.AddSingleton<Storage.CardMoves>();
            }

            if (SinkKinds.Sends(configuration.Options.Sink.Kind))
            {
                builder.Services.AddUploadWorker();
            }

            using var host = builder.Build();
            await host.RunAsync(ct);
            return ExitCodes.Ok;
        });
        return command;
    }
}
