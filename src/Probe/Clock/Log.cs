using Microsoft.Extensions.Logging;

namespace Probe.Clock;

/// <summary>The clock's log messages (event ids 1600-1649).</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1600, Level = LogLevel.Error, Message = "Cannot read the boot id from {Path}; rows of this boot cannot be re-stamped")]
    public static partial void BootIdUnreadable(ILogger logger, string path, Exception exception);

    [LoggerMessage(EventId = 1601, Level = LogLevel.Debug, Message = "Clock sync state unknown (no timesyncd flag, adjtimex unavailable): treated as unsynchronized")]
    public static partial void SyncStateUnknown(ILogger logger);
}
