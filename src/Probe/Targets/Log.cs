using Microsoft.Extensions.Logging;

namespace Probe.Targets;

/// <summary>Log messages of the targets feature (event ids 1150-1199).</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1150, Level = LogLevel.Information, Message = "Targets: {Count} ({Sentinels} sentinels) from {Sources}")]
    public static partial void TargetsLoaded(ILogger logger, int count, int sentinels, string sources);

    [LoggerMessage(EventId = 1151, Level = LogLevel.Information, Message = "Target {Name} from {Source} replaces the one from {PreviousSource}")]
    public static partial void TargetReplaced(ILogger logger, string name, string source, string previousSource);
}
