using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Probe.Storage;

namespace Probe.Upload;

/// <summary>The daemon's upload loop: drains continuously, backs off on failure, survives any failing cycle.</summary>
internal sealed class UploadBackgroundService(
    UploadWorker worker,
    ISink sink,
    UploadSchedule schedule,
    TimeProvider time,
    ILogger<UploadBackgroundService> logger,
    SinkOutcomeWatch? answers = null,
    CardMoves? moves = null) : BackgroundService
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

            // Taken before the drain, so a move during it wakes the next drain at once rather than being missed.
            var moved = moves?.NextAsync();
            try
            {
                var result = await worker.DrainOnceAsync(stoppingToken).ConfigureAwait(false);
                answers?.Observe(result);
                failures = result.StoppedBy is null ? 0 : failures + 1;
                delay = result.StoppedBy is null && moves is not null ? schedule.StagedPollInterval : schedule.NextDelay(result.StoppedBy, failures);
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
                // Rows the stage moved to the card go out at once, so the card's writes for a move come together (PROBE.md §5);
                // a backoff waits its time whatever arrives.
                using var rest = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                var wait = Task.Delay(delay, time, rest.Token);
                Rested(new UploadRest(worker.State, delay));
                await Task.WhenAny(wait, failures == 0 && moved is not null ? moved : wait).ConfigureAwait(false);
                await rest.CancelAsync().ConfigureAwait(false);
                stoppingToken.ThrowIfCancellationRequested();
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
