using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Probe.Hosting;

/// <summary>Saves the day's budget account every AccountSaveInterval and once more at stop.</summary>
internal sealed class BudgetBookkeeping(BudgetKeeper keeper, ProgressMonitor monitor, TimeProvider time, DaemonTimings timings, ILogger<BudgetBookkeeping> logger) : BackgroundService
{
    public const string LoopName = "budget";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var schedule = new IntervalSchedule(time.GetUtcNow(), timings.AccountSaveInterval, 0, timings.Random);
        try
        {
            while (true)
            {
                await Waits.UntilAsync(time, monitor, LoopName, schedule.Next(time.GetUtcNow()), stoppingToken);
                monitor.Busy(LoopName, timings.StoreStatusTimeout);
                await Cycles.SurviveAsync(LoopName, () => Task.FromResult(keeper.Save()), logger, stoppingToken);
            }
        }
        finally
        {
            monitor.Stopped(LoopName);
            keeper.Save();
        }
    }
}
