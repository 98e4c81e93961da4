using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Probe.Checks;
using Probe.Configuration;

namespace Probe.Hosting;

/// <summary>Full rounds every RoundInterval, one at once when the sentinels change picture, and one soon after a round whose verdict awaits confirmation.</summary>
/// <remarks>
/// One loop, so rounds never overlap. Planned starts follow <see cref="IntervalSchedule"/> (jitter, no drift); extra
/// rounds do not move the plan. While the hysteresis holds an unconfirmed verdict, the next round comes after one
/// SentinelInterval instead of a whole RoundInterval, so that a change seen by a round is confirmed (or dropped) in seconds.
/// </remarks>
internal sealed class RoundScheduler(
    IChecker checker,
    ITargetSource targets,
    ResultPipeline pipeline,
    VerdictTracker tracker,
    RoundTrigger trigger,
    ProgressMonitor monitor,
    TimeProvider time,
    IOptions<ProbeOptions> options,
    IOptions<HostOptions> host,
    DaemonTimings timings,
    HeapTrim trim,
    ILogger<RoundScheduler> logger) : BackgroundService
{
    public const string LoopName = "round";

    private readonly ThroughputPlan _throughput = ThroughputPlan.For(options.Value.Schedule, time);
    private bool _announced;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        var schedule = new IntervalSchedule(time.GetUtcNow(), settings.Schedule.RoundInterval, settings.Schedule.Jitter, timings.Random);
        var planned = time.GetUtcNow();
        DateTimeOffset? confirmation = null;
        try
        {
            while (true)
            {
                var due = confirmation is { } soon && soon < planned ? soon : planned;
                await Waits.UntilAsync(time, monitor, LoopName, due, trigger, stoppingToken);
                var started = time.GetUtcNow();
                await Cycles.SurviveAsync(LoopName, () => RunOnceAsync(settings, stoppingToken), logger, stoppingToken);
                var now = time.GetUtcNow();
                if (started >= planned)
                {
                    planned = schedule.Next(now);
                }

                confirmation = tracker.ConfirmationPending ? now + settings.Schedule.SentinelInterval : null;
            }
        }
        finally
        {
            monitor.Stopped(LoopName);
        }
    }

    private async Task RunOnceAsync(ProbeOptions settings, CancellationToken stoppingToken)
    {
        var round = _throughput.ForRound(targets.GetTargets());
        if (!_announced)
        {
            Log.DaemonStarting(logger, round.Count, round.Count(t => t.Sentinel), settings.Schedule.SentinelInterval, settings.Schedule.RoundInterval);
            _announced = true;
        }

        var budget = DaemonTimings.RoundBudget(settings, round.Count);
        monitor.Busy(LoopName, budget);
        var version = tracker.RoundStarting();
        var results = await Cycles.RunAsync(
            LoopName, token => checker.RunRoundAsync(round, token), budget, DaemonTimings.Drain(host.Value.ShutdownTimeout), time, logger, stoppingToken);
        if (results is null)
        {
            return;
        }

        _throughput.AfterRound(await pipeline.AcceptRoundAsync(results, version));
        if (stoppingToken.IsCancellationRequested)
        {
            Log.FlushedOnStop(logger, results.Count);
            return;
        }

        trim.AfterRound();
    }
}
