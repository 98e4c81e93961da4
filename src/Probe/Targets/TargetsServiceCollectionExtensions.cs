using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Probe.Configuration;

namespace Probe.Targets;

/// <summary>Registers the effective <see cref="TargetList"/>, built once from <c>IOptions&lt;ProbeOptions&gt;</c>.</summary>
public static class TargetsServiceCollectionExtensions
{
    public static IServiceCollection AddProbeTargets(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddSingleton(provider =>
        {
            var list = TargetList.Load(provider.GetRequiredService<IOptions<ProbeOptions>>().Value);
            var logger = provider.GetService<ILoggerFactory>()?.CreateLogger(typeof(TargetList).FullName!) ?? NullLogger.Instance;
            var sources = string.Join(", ", list.All.GroupBy(t => t.Source).Select(g => $"{g.Key} ({g.Count()})"));
            Log.TargetsLoaded(logger, list.All.Count, list.Sentinels.Count, sources);
            foreach (var (replaced, by) in list.Replacements)
            {
                Log.TargetReplaced(logger, by.Name, by.Source, replaced.Source);
            }

            return list;
        });
        return services;
    }
}
