using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Probe.Checks;
using Probe.Configuration;

namespace Probe.Hosting;

/// <summary>The cheap lane: the gateway and a tcp connect to each sentinel target every SentinelInterval, to see a cut within seconds.</summary>
internal sealed class SentinelLane(
    IChecker checker,
    ITargetSource targets,
    ResultPipeline pipeline,
    ProgressMonitor monitor,
    TimeProvider time,
    IOptions<ProbeOptions> options,
    IOptions<HostOptions> host,
    DaemonTimings timings,
    ILogger<SentinelLane> logger) : BackgroundService
{
    public const string LoopName = "sentinel";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        var schedule = new IntervalSchedule(time.GetUtcNow(), settings.Schedule.SentinelInterval, settings.Schedule.Jitter, timings.Random);
        var due = time.GetUtcNow();
        try
        {
            while (true)
            {
                await Waits.UntilAsync(time, monitor, LoopName, due, stoppingToken);
                await Cycles.SurviveAsync(LoopName, () => RunOnceAsync(settings, stoppingToken), logger, stoppingToken);
                due = schedule.Next(time.GetUtcNow());
            }
        }
        finally
        {
            monitor.Stopped(LoopName);
        }
    }

    private async Task RunOnceAsync(ProbeOptions settings, CancellationToken stoppingToken)
    {
        var sentinels = targets.GetTargets().Where(t => t.Sentinel).ToList();
        var budget = DaemonTimings.SentinelBudget(settings, sentinels.Count);
        monitor.Busy(LoopName, budget);
        var results = await Cycles.RunAsync(
            LoopName, token => checker.RunSentinelsAsync(sentinels, token), budget, DaemonTimings.Drain(host.Value.ShutdownTimeout), time, logger, stoppingToken);
        if (results is null)
        {
            return;
        }

        await pipeline.AcceptSentinelsAsync(results);
        if (stoppingToken.IsCancellationRequested)
        {
            Log.FlushedOnStop(logger, results.Count);
        }
    }
}
