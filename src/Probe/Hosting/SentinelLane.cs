using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Probe.Budget;
using Probe.Checks;
using Probe.Configuration;

namespace Probe.Hosting;

/// <summary>The cheap lane: the gateway and a tcp connect to each sentinel target every SentinelInterval, to see a cut within seconds.</summary>
/// <remarks>
/// A pass that changes the sentinels' picture is confirmed by a pass of every sentinel at once, so a cut is committed by
/// the second pass instead of one interval later. On a budget a regular pass checks two thirds of each group's sentinels
/// (<see cref="SentinelRotation"/>) at the interval the <see cref="BudgetKeeper"/>'s plan gives (SentinelInterval unless
/// the day is short of budget).
/// </remarks>
internal sealed class SentinelLane(
    IChecker checker,
    ITargetSource targets,
    ResultPipeline pipeline,
    ProgressMonitor monitor,
    TimeProvider time,
    IOptions<ProbeOptions> options,
    IOptions<HostOptions> host,
    DaemonTimings timings,
    BudgetKeeper budget,
    ILogger<SentinelLane> logger) : BackgroundService
{
    public const string LoopName = "sentinel";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        var interval = settings.Schedule.SentinelInterval;
        var schedule = new IntervalSchedule(time.GetUtcNow(), interval, settings.Schedule.Jitter, timings.Random);
        var due = time.GetUtcNow();
        long pass = 0;
        var confirm = false;
        try
        {
            while (true)
            {
                await Waits.UntilAsync(time, monitor, LoopName, due, stoppingToken);
                var plan = budget.Plan();
                var whole = confirm || !plan.Budgeted;
                var changed = false;
                await Cycles.SurviveAsync(LoopName, async () => changed = await RunOnceAsync(settings, whole, pass++, stoppingToken), logger, stoppingToken);
                confirm = changed && !confirm;
                if (plan.SentinelInterval != interval)
                {
                    interval = plan.SentinelInterval;
                    schedule = new IntervalSchedule(time.GetUtcNow(), interval, settings.Schedule.Jitter, timings.Random);
                }

                due = confirm ? time.GetUtcNow() : schedule.Next(time.GetUtcNow());
            }
        }
        finally
        {
            monitor.Stopped(LoopName);
        }
    }

    private async Task<bool> RunOnceAsync(ProbeOptions settings, bool whole, long pass, CancellationToken stoppingToken)
    {
        var all = targets.GetTargets().Where(t => t.Sentinel).ToList();
        var sentinels = whole ? all : SentinelRotation.Pick(all, pass);
        var budgetTime = DaemonTimings.SentinelBudget(settings, sentinels.Count);
        monitor.Busy(LoopName, budgetTime);
        var tally = TrafficMeter.BeginPass();
        var results = await Cycles.RunAsync(
            LoopName, token => checker.RunSentinelsAsync(sentinels, token), budgetTime, DaemonTimings.Drain(host.Value.ShutdownTimeout), time, logger, stoppingToken);
        if (results is null)
        {
            return false;
        }

        if (!whole || all.Count == sentinels.Count)
        {
            budget.Measured(null, tally.Bytes);
        }

        var changed = await pipeline.AcceptSentinelsAsync(results);
        if (stoppingToken.IsCancellationRequested)
        {
            Log.FlushedOnStop(logger, results.Count);
        }

        return changed;
    }
}
