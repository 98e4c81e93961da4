using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Probe.Gpio;

/// <summary>Registers the LED panel in a service collection.</summary>
public static class LedServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="ILedPanel"/> as a singleton built by <see cref="LedPanelFactory"/> from the
    /// settings <paramref name="settings"/> reads (the app maps its options to them); the container
    /// disposes it on shutdown, which turns every LED off and releases the pins.
    /// </summary>
    public static IServiceCollection AddLedPanel(this IServiceCollection services, Func<IServiceProvider, LedPanelSettings> settings)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(settings);
        services.TryAddSingleton(provider => LedPanelFactory.Create(
            settings(provider),
            provider.GetService<TimeProvider>() ?? TimeProvider.System,
            provider.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance));
        return services;
    }
}
