using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Probe.Upload;

/// <summary>The daemon's upload loop: drains continuously, backs off on failure, survives any failing cycle.</summary>
internal sealed class UploadBackgroundService(
    UploadWorker worker,
    ISink sink,
    UploadSchedule schedule,
    TimeProvider time,
    ILogger<UploadBackgroundService> logger,
    SinkOutcomeWatch? answers = null) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!sink.Enabled)
        {
            Log.UploadDisabled(logger);
            return;
        }

        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            TimeSpan delay;
            try
            {
                var result = await worker.DrainOnceAsync(stoppingToken).ConfigureAwait(false);
                answers?.Observe(result);
                failures = result.StoppedBy is null ? 0 : failures + 1;
                delay = schedule.NextDelay(result.StoppedBy, failures);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // A failing cycle (e.g. the local store briefly locked) must not stop the host.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                failures++;
                delay = schedule.NextDelay(SinkOutcome.Unreachable(ex.GetType().Name), failures);
                Log.DrainCycleFailed(logger, ex, delay);
            }

            if (failures > 0)
            {
                Log.BackingOff(logger, delay, failures);
            }

            try
            {
                await Task.Delay(delay, time, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }
    }
}
