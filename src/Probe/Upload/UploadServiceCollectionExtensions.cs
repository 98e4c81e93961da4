using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Probe.Budget;
using Probe.Configuration;

namespace Probe.Upload;

/// <summary>DI registration of the upload feature (the sink, UploadWorker, Exporter) and of the daemon's upload loop.</summary>
public static class UploadServiceCollectionExtensions
{
    /// <summary>ISink by Sink.Kind, UploadWorker and Exporter; needs IResultStore and IOptions&lt;ProbeOptions&gt;.</summary>
    public static IServiceCollection AddUpload(this IServiceCollection services)
    {
        services.AddOptions();
        services.AddLogging();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<UploadSchedule>();
        services.TryAddSingleton<TrafficMeter>();
        services.TryAddSingleton<ISink>(sp => SinkFactory.Create(
            sp.GetRequiredService<IOptions<ProbeOptions>>().Value.Sink,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILoggerFactory>().CreateLogger("Probe.Upload.Sink"),
            meter: sp.GetRequiredService<TrafficMeter>()));
        services.TryAddSingleton<UploadWorker>();
        services.TryAddSingleton<SinkOutcomeWatch>();
        services.TryAddSingleton<Exporter>();
        return services;
    }

    /// <summary>AddUpload plus the hosted service that drains continuously in the daemon (<c>probe run</c>).</summary>
    public static IServiceCollection AddUploadWorker(this IServiceCollection services)
    {
        services.AddUpload();
        services.AddHostedService<UploadBackgroundService>();
        return services;
    }
}
