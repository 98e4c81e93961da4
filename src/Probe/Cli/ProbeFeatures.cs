using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Probe.Checks;
using Probe.Clock;
using Probe.Configuration;
using Probe.Gpio;
using Probe.Hosting;
using Probe.Status;
using Probe.Storage;
using Probe.Targets;
using Probe.Upload;
using Probe.Verdicts;

namespace Probe.Cli;

/// <summary>The composition root: every feature registered once, for the commands and for the daemon alike.</summary>
internal static class ProbeFeatures
{
    public static IServiceCollection AddProbeFeatures(this IServiceCollection services, ProbeConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddProbeConfiguration(configuration);
        services.AddProbeTargets();
        services.TryAddSingleton<ITargetSource, TargetListSource>();
        services.AddProbeClock();
        services.AddChecks();
        services.AddVerdicts();
        services.AddResultStore();
        services.AddUpload();
        services.AddLedPanel(_ => LedSettings(configuration.Options.Leds));
        return services;
    }

    /// <summary>The LED options as Probe.Gpio's plain settings (it knows nothing of the app's options).</summary>
    public static LedPanelSettings LedSettings(LedsOptions leds) =>
        new(leds.Driver, leds.Chip, leds.ActiveLow, new LedPins(leds.Pins.Power, leds.Pins.NetGreen, leds.Pins.NetRed, leds.Pins.Upload));

    /// <summary>The daemon reads the effective list built from configuration at start.</summary>
    private sealed class TargetListSource(TargetList list) : ITargetSource
    {
        public IReadOnlyList<Target> GetTargets() => list.All;
    }
}
