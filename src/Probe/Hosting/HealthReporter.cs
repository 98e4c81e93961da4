using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Hosting;
using Probe.Clock;
using Probe.Storage;

namespace Probe.Hosting;

/// <summary>Records a probe_health sample every minute: buffer figures, upload lag, memory, cpu, uptime.</summary>
internal sealed class HealthReporter(
    IResultStore store,
    IProbeClock clock,
    ProgressMonitor monitor,
    TimeProvider time,
    DaemonTimings timings,
    Budget.TrafficMeter meter,
    ILogger<HealthReporter> logger) : BackgroundService
{
    public const string LoopName = "health";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var started = time.GetTimestamp();
        var schedule = new IntervalSchedule(time.GetUtcNow(), timings.HealthInterval, 0, timings.Random);
        try
        {
            while (true)
            {
                await Waits.UntilAsync(time, monitor, LoopName, schedule.Next(time.GetUtcNow()), stoppingToken);
                var budget = timings.StoreStatusTimeout * 2;
                monitor.Busy(LoopName, budget);
                await Cycles.RunAsync(LoopName, token => RecordAsync(started, token), budget, TimeSpan.Zero, time, logger, stoppingToken);
            }
        }
        finally
        {
            monitor.Stopped(LoopName);
        }
    }

    private async Task<HealthSample> RecordAsync(long started, CancellationToken cancellationToken)
    {
        var status = await store.GetStatusAsync(cancellationToken);
        var reading = clock.Read();
        var lag = status.OldestPending is { } oldest ? Math.Max(0, (reading.Wall - oldest).TotalSeconds) : 0;
        var sample = new HealthSample(
            reading,
            status.Rows,
            status.Bytes,
            status.DroppedTotal,
            lag,
            ProcessStats.ResidentBytes(),
            ProcessStats.CpuSeconds(),
            time.GetElapsedTime(started).TotalSeconds,
            meter.Total,
            Budget.DiskWrites.Read());
        await store.AppendHealthAsync(sample, cancellationToken);
        return sample;
    }
}
