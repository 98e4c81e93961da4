using Microsoft.Extensions.Logging;

namespace Probe.Checks;

/// <summary>The Checks feature's log messages (event ids 1000-1099).</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1000, Level = LogLevel.Information, Message = "Round of {Targets} targets: {Results} results, {Failed} failed, {Ms:F0} ms")]
    public static partial void RoundFinished(ILogger logger, int targets, int results, int failed, double ms);

    [LoggerMessage(EventId = 1001, Level = LogLevel.Debug, Message = "Sentinels: {Results} results, {Failed} failed, {Ms:F0} ms")]
    public static partial void SentinelsFinished(ILogger logger, int results, int failed, double ms);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Debug, Message = "{Kind} check of {Target} failed: {Failure}")]
    public static partial void CheckFailed(ILogger logger, CheckKind kind, string target, string? failure);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Warning, Message = "No gateway: no default route and none configured")]
    public static partial void NoGateway(ILogger logger);
}
