using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Probe.Budget;

namespace Probe.Checks;

/// <summary>Registers the checks: <see cref="IChecker"/> over the probe's options, clock and logging.</summary>
public static class ChecksServiceCollectionExtensions
{
    /// <summary>Adds <see cref="IChecker"/>; needs IOptions&lt;ProbeOptions&gt; and IProbeClock registered by their features.</summary>
    public static IServiceCollection AddChecks(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(SystemPaths.Default);
        services.TryAddSingleton<TrafficMeter>();
        services.TryAddSingleton<IChecker, ProbeChecker>();
        return services;
    }
}
