using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Probe.Clock;

/// <summary>Registers the device clock.</summary>
public static class ClockServiceCollectionExtensions
{
    /// <summary>Adds <see cref="IProbeClock"/> (the system clock) and <see cref="TimeProvider.System"/> unless already registered.</summary>
    public static IServiceCollection AddProbeClock(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IProbeClock, SystemProbeClock>();
        return services;
    }
}
