using Microsoft.Extensions.Logging;

namespace Probe.Hosting;

/// <summary>Runs one cycle of a loop under its budget, so that a failing or overlong cycle never ends the loop.</summary>
internal static class Cycles
{
    /// <summary>The cycle's value, or default when it failed or ran out of budget (both logged).</summary>
    /// <remarks>
    /// When the daemon stops during the cycle, the cycle may go on for <paramref name="drain"/> so that what it measured
    /// can still be stored; cancellation because of the stop passes through as <see cref="OperationCanceledException"/>.
    /// </remarks>
    public static async Task<T?> RunAsync<T>(
        string loop,
        Func<CancellationToken, Task<T>> cycle,
        TimeSpan budget,
        TimeSpan drain,
        TimeProvider time,
        ILogger logger,
        CancellationToken stoppingToken)
        where T : class
    {
        using var cycleSource = new CancellationTokenSource(budget, time);
        using var onStop = stoppingToken.Register(() => cycleSource.CancelAfter(drain));
        try
        {
            return await cycle(cycleSource.Token);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            throw;
        }
        catch (OperationCanceledException) when (cycleSource.IsCancellationRequested)
        {
            Log.CycleOverBudget(logger, loop, budget);
            return null;
        }
        catch (Exception exception)
        {
            Log.CycleFailed(logger, loop, exception);
            return null;
        }
    }

    /// <summary>Runs a whole cycle (targets, checks, store, verdict) so that whatever fails in it is logged and the loop goes on.</summary>
    public static async Task SurviveAsync(string loop, Func<Task> cycle, ILogger logger, CancellationToken stoppingToken)
    {
        try
        {
            await cycle();
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception exception)
        {
            Log.CycleFailed(logger, loop, exception);
        }
    }
}
