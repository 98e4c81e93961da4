using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Systemd;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Probe.Configuration;
using Probe.Gpio;
using Probe.Status;
using Probe.Storage;
using Probe.Upload;

namespace Probe.Hosting;

/// <summary>Every few seconds: WATCHDOG=1 and the power heartbeat while every loop keeps its promise; the upload LED from the store's figures.</summary>
/// <remarks>
/// A hung loop (past its promise plus grace) silences the watchdog, so systemd restarts the unit, and darkens the
/// power LED, so a technician sees it. Notifications start with the first cycle (READY=1 is sent then).
/// </remarks>
internal sealed class LivenessService(
    ProgressMonitor monitor,
    ISystemdNotifier notifier,
    StatusLeds leds,
    VerdictTracker tracker,
    IResultStore store,
    TimeProvider time,
    IOptions<ProbeOptions> options,
    DaemonTimings timings,
    ILogger<LivenessService> logger,
    Upload.SinkOutcomeWatch answers) : BackgroundService
{
    public const string LoopName = "liveness";

    private static readonly ServiceState Watchdog = new("WATCHDOG=1");

    private string? _stalled;
    private DateTimeOffset _nextUpload;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        _nextUpload = time.GetUtcNow();
        try
        {
            await Cycles.SurviveAsync(LoopName, () => { leds.ShowVerdict(tracker.Committed.State); return Task.CompletedTask; }, logger, stoppingToken);
            while (true)
            {
                var now = time.GetUtcNow();
                await Cycles.SurviveAsync(LoopName, () => TickAsync(now, stoppingToken), logger, stoppingToken);
                await Waits.UntilAsync(time, monitor, LoopName, now + timings.LivenessInterval, stoppingToken);
            }
        }
        finally
        {
            monitor.Stopped(LoopName);
        }
    }

    private async Task TickAsync(DateTimeOffset now, CancellationToken stoppingToken)
    {
        var hung = monitor.Stalled(now);
        if (hung is null && monitor.Started)
        {
            notifier.Notify(Watchdog);
        }

        if (hung != _stalled)
        {
            if (hung is null)
            {
                Log.LoopsRecovered(logger);
            }
            else
            {
                Log.LoopStalled(logger, hung);
            }

            _stalled = hung;
        }

        leds.ShowLiveness(hung is null);
        if (now >= _nextUpload)
        {
            _nextUpload = now + timings.UploadLedInterval;
            var sinkConfigured = SinkKinds.Sends(options.Value.Sink.Kind);
            var status = sinkConfigured ? await ReadStatusAsync(stoppingToken) : null;
            leds.ShowUpload(UploadLedPatterns.For(sinkConfigured, status, options.Value.Store.MaxBytes, answers.Refusing));
        }
    }

    private async Task<StoreStatus?> ReadStatusAsync(CancellationToken stoppingToken)
    {
        try
        {
            return await store.GetStatusAsync(stoppingToken).WaitAsync(timings.StoreStatusTimeout, time, stoppingToken);
        }
        catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
        {
            Log.UploadStatusFailed(logger, exception);
            return null;
        }
    }
}
