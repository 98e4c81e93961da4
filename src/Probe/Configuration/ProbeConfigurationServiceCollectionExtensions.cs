using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Probe.Configuration;

/// <summary>Registers the validated configuration as <c>IOptions&lt;ProbeOptions&gt;</c>.</summary>
public static class ProbeConfigurationServiceCollectionExtensions
{
    /// <summary>Registers an already loaded and validated configuration (see <see cref="ProbeConfiguration.Load"/>).</summary>
    public static IServiceCollection AddProbeConfiguration(this IServiceCollection services, ProbeConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddSingleton(configuration);
        services.AddSingleton(Options.Create(configuration.Options));
        return services;
    }
}
