using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.DependencyInjection;
using Probe.Clock;
using Probe.Storage.Store;

namespace Probe.Storage;

/// <summary>Registers the SQLite result store.</summary>
public static class ResultStoreServiceCollectionExtensions
{
    /// <summary>Adds <see cref="IResultStore"/> on SQLite at Store.Path (and the device clock, unless a clock is already registered).</summary>
    public static IServiceCollection AddResultStore(this IServiceCollection services)
    {
        services.AddProbeClock();
        services.TryAddSingleton<IResultStore, SqliteResultStore>();
        return services;
    }
}
