using Microsoft.Extensions.Logging;

namespace Probe.Clock;

/// <summary>The clock's log messages (event ids 1600-1649).</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1600, Level = LogLevel.Error, Message = "Cannot read the boot id from {Path}; using {BootId} for this process only")]
    public static partial void BootIdUnreadable(ILogger logger, string path, string bootId, Exception exception);

    [LoggerMessage(EventId = 1601, Level = LogLevel.Debug, Message = "Clock sync state unknown (no timesyncd flag, adjtimex unavailable, no answer from timedated over D-Bus): treated as unsynchronized")]
    public static partial void SyncStateUnknown(ILogger logger);
}
