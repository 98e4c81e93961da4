using Microsoft.Extensions.Logging;

namespace Probe.Upload;

/// <summary>Upload log messages, event ids 1700-1799 (stable: operators filter on them).</summary>
internal static partial class Log
{
    [LoggerMessage(1700, LogLevel.Information, "Upload drain: {Sent} sent, {SetAside} set aside, {Left} left")]
    public static partial void DrainCompleted(ILogger logger, long sent, long setAside, long left);

    [LoggerMessage(1701, LogLevel.Warning, "Row {Id} set aside, the store rejected it as bad data: {Reason}")]
    public static partial void PointSetAside(ILogger logger, long id, string reason);

    [LoggerMessage(1702, LogLevel.Error, "The store refused the upload ({Response}): check Sink.Token/Sink.TokenFile and Sink.Org/Bucket/Database. Nothing was deleted; the upload waits and tries again later")]
    private static partial void SinkRefused(ILogger logger, string response);

    public static void SinkRefused(ILogger logger, int? status, string? detail) => SinkRefused(logger, Described(status, detail));

    [LoggerMessage(1703, LogLevel.Warning, "The store is unavailable ({Response}); the upload stops until the next cycle")]
    private static partial void SinkUnavailable(ILogger logger, string response);

    public static void SinkUnavailable(ILogger logger, int? status, string? detail) => SinkUnavailable(logger, Described(status, detail));

    [LoggerMessage(1704, LogLevel.Error, "Upload cycle failed; next try in {Delay}")]
    public static partial void DrainCycleFailed(ILogger logger, Exception exception, TimeSpan delay);

    [LoggerMessage(1705, LogLevel.Information, "No sink configured (Sink.Kind = none): results stay in the local store")]
    public static partial void UploadDisabled(ILogger logger);

    [LoggerMessage(1706, LogLevel.Information, "Upload backing off for {Delay} after {Failures} failed cycle(s)")]
    public static partial void BackingOff(ILogger logger, TimeSpan delay, int failures);

    [LoggerMessage(1707, LogLevel.Error, "Sink.TokenFile {Path} cannot be read ({Reason}); writing without a token")]
    public static partial void TokenFileUnreadable(ILogger logger, string path, string reason);

    [LoggerMessage(1708, LogLevel.Warning, "Write attempt {Attempt} in {Delay}: {Reason}")]
    public static partial void WriteRetrying(ILogger logger, int attempt, TimeSpan delay, string reason);

    [LoggerMessage(1710, LogLevel.Error, "The store rejected {Count} point(s) as bad data and has accepted none ({Response}): check Sink.Url/Org/Bucket/Database; nothing was set aside")]
    private static partial void EverythingRejected(ILogger logger, int count, string response);

    public static void EverythingRejected(ILogger logger, int count, int? status, string? detail) => EverythingRejected(logger, count, Described(status, detail));

    [LoggerMessage(1711, LogLevel.Debug, "Upload drain: nothing to send ({Left} waiting, not ready)")]
    public static partial void DrainIdle(ILogger logger, long left);

    /// <summary>A store's answer in a log line: "HTTP 401: detail", "HTTP 503", or the detail alone when no response came (connection refused).</summary>
    public static string Described(int? status, string? detail)
    {
        var text = detail?.Trim();
        return status is { } code
            ? string.IsNullOrEmpty(text) ? $"HTTP {code}" : $"HTTP {code}: {text}"
            : string.IsNullOrEmpty(text) ? "no response" : text;
    }

    [LoggerMessage(1709, LogLevel.Warning, "Store failing repeatedly: circuit open for {BreakDuration}")]
    public static partial void CircuitOpened(ILogger logger, TimeSpan breakDuration);
}
