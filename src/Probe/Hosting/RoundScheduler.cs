using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Probe.Budget;
using Probe.Checks;
using Probe.Configuration;

namespace Probe.Hosting;

/// <summary>Rounds as <see cref="RoundAgenda"/> plans them: the whole catalog, the platform watch, and the extra rounds anomalies ask for.</summary>
/// <remarks>
/// One loop, so rounds never overlap. Without a budget: full rounds every RoundInterval, one at once when the sentinels
/// change picture, and one a SentinelInterval after a round whose verdict awaits confirmation. On a budget
/// (<see cref="LanePlanner"/>): coverage rounds read the first 4 KiB of each page, watch rounds stop at the TLS handshake,
/// a change of the sentinels' picture runs a watch at once, and a verdict awaiting confirmation runs its targets again
/// (with the sentinels as controls) a SentinelInterval later; both extra kinds are bounded by the agenda's token bucket.
/// The end of a committed cut runs a watch at once too, from a bucket of its own that refills every WatchInterval (the
/// recovery round is the watch's next pass), so that the verdict goes back to online within seconds of the lift.
/// The plan is read again before every wait and at least every minute.
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
    BudgetKeeper budget,
    ILogger<RoundScheduler> logger) : BackgroundService
{
    public const string LoopName = "round";
    private static readonly TimeSpan Replan = TimeSpan.FromMinutes(1);

    private readonly ThroughputPlan _throughput = ThroughputPlan.For(options.Value.Schedule, time);
    private readonly MonotonicTime _monotonic = new(time);
    private bool _announced;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        var agenda = new RoundAgenda(
            new EscalationBucket(timings.EscalationCapacity, timings.EscalationRefill, Monotonic()),
            new EscalationBucket(timings.EscalationCapacity, settings.Schedule.WatchInterval, Monotonic()),
            settings.Schedule.Jitter,
            timings.Random);
        var plan = budget.Plan();
        Announce(plan);
        if (budget.LastCoverage is { } last)
        {
            agenda.Resume(last, plan, time.GetUtcNow());
        }

        DateTimeOffset? confirmation = null;
        try
        {
            while (true)
            {
                var next = budget.Plan();
                if (next != plan)
                {
                    agenda.Replanned(plan, next);
                    if (next.SentinelInterval != plan.SentinelInterval || next.WatchInterval != plan.WatchInterval || next.Exhausted != plan.Exhausted)
                    {
                        Announce(next);
                    }

                    plan = next;
                }

                var now = time.GetUtcNow();
                var (kind, due) = agenda.Next(plan, now, Monotonic(), trigger.Pending, confirmation, tracker.Recovering);
                if (trigger.Pending && plan.Budgeted && kind is not (RoundKind.Triggered or RoundKind.Recovery))
                {
                    // No token left for an extra round: the next planned one answers the request.
                    trigger.Consume();
                }

                if (due > now)
                {
                    var wake = due - now > Replan ? now + Replan : due;
                    await Waits.UntilAsync(time, monitor, LoopName, wake, trigger, stoppingToken);
                    continue;
                }

                var started = time.GetUtcNow();
                agenda.Started(kind, plan, started, Monotonic());
                if (kind == RoundKind.Coverage)
                {
                    budget.CoverageStarted(started);
                }

                await Cycles.SurviveAsync(LoopName, () => RunOnceAsync(settings, plan, kind, stoppingToken), logger, stoppingToken);
                agenda.Finished(time.GetUtcNow());
                confirmation = tracker.ConfirmationPending ? time.GetUtcNow() + settings.Schedule.SentinelInterval : null;
            }
        }
        finally
        {
            monitor.Stopped(LoopName);
        }
    }

    private TimeSpan Monotonic() => _monotonic.Now;

    private void Announce(LanePlan plan)
    {
        if (plan.Budgeted)
        {
            Log.LanesPlanned(logger, plan.SentinelInterval, plan.WatchInterval?.ToString() ?? "off", plan.CoverageInterval, plan.Exhausted ? " (the day's budget is spent: sentinels only)" : "");
        }
    }

    private async Task RunOnceAsync(ProbeOptions settings, LanePlan plan, RoundKind kind, CancellationToken stoppingToken)
    {
        var all = targets.GetTargets();
        var round = _throughput.ForRound(plan.Budgeted ? RoundTargets.For(kind, all, tracker.AffectedTargets) : all);
        if (!_announced)
        {
            Log.DaemonStarting(logger, all.Count, all.Count(t => t.Sentinel), settings.Schedule.SentinelInterval, settings.Schedule.RoundInterval);
            _announced = true;
        }

        var shape = !plan.Budgeted ? RoundShape.Full : kind is RoundKind.Watch or RoundKind.Triggered or RoundKind.Recovery ? RoundShape.Watch : RoundShape.Budgeted;
        if (plan.Budgeted)
        {
            Log.RoundKindStarting(logger, kind.ToString(), round.Count);
        }

        var budgetTime = DaemonTimings.RoundBudget(settings, round.Count);
        monitor.Busy(LoopName, budgetTime);
        var version = tracker.RoundStarting();
        var linkCut = tracker.LinkCut;
        var tally = TrafficMeter.BeginPass();
        var results = await Cycles.RunAsync(
            LoopName, token => checker.RunRoundAsync(round, shape, token), budgetTime, DaemonTimings.Drain(host.Value.ShutdownTimeout), time, logger, stoppingToken);
        if (results is null)
        {
            return;
        }

        budget.Measured(kind, tally.Bytes, linkCut);
        _throughput.AfterRound(await pipeline.AcceptRoundAsync(results, version));
        if (stoppingToken.IsCancellationRequested)
        {
            Log.FlushedOnStop(logger, results.Count);
            return;
        }

        trim.AfterRound();
    }
}
