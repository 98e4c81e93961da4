using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Systemd;
using Microsoft.Extensions.Options;
using Probe.Configuration;
using Probe.Status;
using Probe.Verdicts;

namespace Probe.Hosting;

/// <summary>Registers the daemon of <c>probe run</c>.</summary>
public static class DaemonServiceCollectionExtensions
{
    /// <summary>
    /// Adds the sentinel lane, the round scheduler, the health reporter and the liveness service (watchdog, LEDs) as
    /// hosted services, and the verdict engine. The caller registers <c>IChecker</c>, <c>IResultStore</c>,
    /// <c>ILedPanel</c>, <c>IProbeClock</c>, <see cref="ITargetSource"/> and the options; a <see cref="TimeProvider"/>
    /// and an <see cref="ISystemdNotifier"/> are added unless already there.
    /// </summary>
    public static IServiceCollection AddDaemon(this IServiceCollection services)
    {
        services.AddVerdicts();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ISystemdNotifier, SystemdNotifier>();
        services.TryAddSingleton(DaemonTimings.Default);
        services.TryAddSingleton<RoundTrigger>();
        services.TryAddSingleton<ProgressMonitor>();
        services.TryAddSingleton<StatusLeds>();
        services.TryAddSingleton<Upload.SinkOutcomeWatch>();
        services.TryAddSingleton<ResultPipeline>();
        services.TryAddSingleton<HeapTrim>();
        services.TryAddSingleton<Budget.TrafficMeter>();
        services.TryAddSingleton<BudgetKeeper>();
        services.TryAddSingleton(provider => new VerdictTracker(
            provider.GetRequiredService<IVerdictEngine>(),
            new LatencyBaselineTracker(),
            new VerdictHysteresis(provider.GetRequiredService<IOptions<ProbeOptions>>().Value.Schedule.ConfirmRounds),
            provider.GetRequiredService<RoundTrigger>()));
        services.AddSingleton<IHostedService, SentinelLane>();
        services.AddSingleton<IHostedService, RoundScheduler>();
        services.AddSingleton<IHostedService, HealthReporter>();
        services.AddSingleton<IHostedService, LivenessService>();
        services.AddSingleton<IHostedService, BudgetBookkeeping>();
        return services;
    }
}
