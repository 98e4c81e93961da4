using Microsoft.Extensions.Logging;

namespace Probe.Hosting;

/// <summary>The daemon's log lines (event ids 1300-1399).</summary>
internal static partial class Log
{
    [LoggerMessage(1300, LogLevel.Information, "Daemon measuring {Targets} targets ({Sentinels} sentinels): sentinels every {SentinelInterval}, rounds every {RoundInterval}")]
    public static partial void DaemonStarting(ILogger logger, int targets, int sentinels, TimeSpan sentinelInterval, TimeSpan roundInterval);

    [LoggerMessage(1301, LogLevel.Error, "The {Loop} cycle failed; the loop goes on")]
    public static partial void CycleFailed(ILogger logger, string loop, Exception exception);

    [LoggerMessage(1302, LogLevel.Warning, "The {Loop} cycle ran past its budget of {Budget} and was cancelled")]
    public static partial void CycleOverBudget(ILogger logger, string loop, TimeSpan budget);

    [LoggerMessage(1303, LogLevel.Error, "Could not store {Count} results; they are judged but not kept")]
    public static partial void StoreWriteFailed(ILogger logger, int count, Exception exception);

    [LoggerMessage(1304, LogLevel.Warning, "Verdict {State} (was {Previous}): {Findings}")]
    public static partial void VerdictCommitted(ILogger logger, string state, string previous, string findings);

    [LoggerMessage(1305, LogLevel.Error, "Could not store the verdict change to {State}")]
    public static partial void VerdictStoreFailed(ILogger logger, string state, Exception exception);

    [LoggerMessage(1306, LogLevel.Information, "Sentinels now see {State}: a full round starts at once")]
    public static partial void SentinelPictureChanged(ILogger logger, string state);

    [LoggerMessage(1307, LogLevel.Critical, "The {Loop} loop is hung: watchdog notifications stop so that systemd restarts the daemon")]
    public static partial void LoopStalled(ILogger logger, string loop);

    [LoggerMessage(1308, LogLevel.Warning, "The daemon loops make progress again")]
    public static partial void LoopsRecovered(ILogger logger);

    [LoggerMessage(1309, LogLevel.Error, "Could not record the health sample")]
    public static partial void HealthFailed(ILogger logger, Exception exception);

    [LoggerMessage(1310, LogLevel.Error, "Could not read the store's figures for the upload LED")]
    public static partial void UploadStatusFailed(ILogger logger, Exception exception);

    [LoggerMessage(1311, LogLevel.Debug, "{Loop} cycle: {Count} results, evaluated {State}")]
    public static partial void CycleDone(ILogger logger, string loop, int count, string state);

    [LoggerMessage(1312, LogLevel.Information, "Stopping: stored {Count} results of the cycle in flight")]
    public static partial void FlushedOnStop(ILogger logger, int count);

    [LoggerMessage(1320, LogLevel.Information, "Budget day {Day}: {Bytes} bytes on the wire so far, budget {DailyBytes} bytes a day (0: none)")]
    public static partial void BudgetAccountOpened(ILogger logger, string day, long bytes, long dailyBytes);

    [LoggerMessage(1321, LogLevel.Warning, "Could not save the budget account to {Path}")]
    public static partial void BudgetAccountNotSaved(ILogger logger, string path, Exception exception);

    [LoggerMessage(1322, LogLevel.Information, "Lanes planned: sentinels every {Sentinel}, platform watch every {Watch}, whole catalog every {Coverage}{Exhausted}")]
    public static partial void LanesPlanned(ILogger logger, TimeSpan sentinel, string watch, TimeSpan coverage, string exhausted);

    [LoggerMessage(1323, LogLevel.Information, "{Kind} round of {Targets} targets")]
    public static partial void RoundKindStarting(ILogger logger, string kind, int targets);
}
