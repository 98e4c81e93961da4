using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Probe.Configuration;

namespace Probe.Verdicts;

/// <summary>Registers the verdict engine.</summary>
public static class VerdictsServiceCollectionExtensions
{
    /// <summary>Adds <see cref="IVerdictEngine"/>, judging with the reference resolvers of <see cref="ProbeOptions"/>.</summary>
    public static IServiceCollection AddVerdicts(this IServiceCollection services)
    {
        services.TryAddSingleton(provider => CreateRules(provider.GetRequiredService<IOptions<ProbeOptions>>().Value));
        services.TryAddSingleton<IVerdictEngine>(provider => new VerdictEngine(provider.GetRequiredService<VerdictRules>()));
        return services;
    }

    internal static VerdictRules CreateRules(ProbeOptions options) =>
        new(options.Resolvers.Where(r => r.Reference).Select(r => r.Name).ToHashSet(StringComparer.Ordinal));
}
