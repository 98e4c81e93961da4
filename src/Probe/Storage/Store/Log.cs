using Microsoft.Extensions.Logging;
using Probe.Storage.Rows;
using Probe.Storage.Schema;

namespace Probe.Storage.Store;

/// <summary>The store's log messages (event ids 1500-1599).</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1500, Level = LogLevel.Information, Message = "Result store open at {Path} (schema version {Version})")]
    public static partial void Opened(ILogger logger, string path, int version);

    [LoggerMessage(EventId = 1501, Level = LogLevel.Error, Message = "Result store {Path} is unusable ({Problem}): moved aside to {MovedTo}, a fresh store is started")]
    public static partial void Quarantined(ILogger logger, string path, string problem, string movedTo);

    [LoggerMessage(EventId = 1502, Level = LogLevel.Error, Message = "Result store {Path} cannot be written; {Rows} rows are kept in memory until it can")]
    public static partial void Unavailable(ILogger logger, string path, int rows, Exception exception);

    [LoggerMessage(EventId = 1503, Level = LogLevel.Error, Message = "In-memory backlog full while the store cannot be written: dropped {Rows} oldest rows (counted in dropped_total)")]
    public static partial void BacklogDropped(ILogger logger, int rows);

    [LoggerMessage(EventId = 1504, Level = LogLevel.Warning, Message = "Store over its size bound of {MaxBytes} bytes: deleted {Deleted} rows, {Dropped} of them undelivered (counted in dropped_total)")]
    public static partial void SizeBoundApplied(ILogger logger, long maxBytes, long deleted, long dropped);

    [LoggerMessage(EventId = 1505, Level = LogLevel.Warning, Message = "{Count} rows set aside, rejected by the sink: {Reason}")]
    public static partial void SetAside(ILogger logger, int count, string reason);

    [LoggerMessage(EventId = 1506, Level = LogLevel.Error, Message = "Applying the size bound failed; it is tried again after the next append")]
    public static partial void SizeBoundFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 1507, Level = LogLevel.Information, Message = "Result store writable again: {Rows} rows kept in memory were written")]
    public static partial void BacklogWritten(ILogger logger, int rows);

    [LoggerMessage(EventId = 1508, Level = LogLevel.Information, Message = "Result store {Path} is brought from schema version {From} to {To}: once after an update, about a minute for a full store on a Pi; if the probe is stopped meanwhile it goes on where it stopped, and no result is lost")]
    public static partial void Migrating(ILogger logger, string path, int from, int to);

    [LoggerMessage(EventId = 1509, Level = LogLevel.Information, Message = "Results are committed first to {Path} (the stage, meant for tmpfs) and moved to the card every {Interval}, at once on a state change, and on stop")]
    public static partial void Staging(ILogger logger, string path, TimeSpan interval);

    [LoggerMessage(EventId = 1510, Level = LogLevel.Error, Message = "Stage {Path} cannot be used; results go straight to the card from now on (rows left in it move at the next start)")]
    public static partial void StageFailed(ILogger logger, string path, Exception exception);

    [LoggerMessage(EventId = 1511, Level = LogLevel.Error, Message = "Stage full while the card cannot be written: dropped {Rows} oldest rows (counted in dropped_total)")]
    public static partial void StageDropped(ILogger logger, int rows);
}
