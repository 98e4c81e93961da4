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
    private TaskCompletionSource<UploadRest> _rest = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>
    /// The loop's next rest, once its wait is on the clock: a test advances a fake clock by its delay and awaits the
    /// rest after, instead of polling in real time.
    /// </summary>
    internal Task<UploadRest> NextRestAsync() => Volatile.Read(ref _rest).Task;

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
                var wait = Task.Delay(delay, time, stoppingToken);
                Rested(new UploadRest(worker.State, delay));
                await wait.ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    private void Rested(UploadRest rest) =>
        Interlocked.Exchange(ref _rest, new TaskCompletionSource<UploadRest>(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult(rest);
}
