namespace Probe.Upload;

/// <summary>The classified answer of the store to one write.</summary>
/// <param name="Kind">What the upload must do about it.</param>
/// <param name="StatusCode">The HTTP status, when there was a response.</param>
/// <param name="RetryAfter">The store's Retry-After, when it sent one (429/503) or the circuit is open.</param>
/// <param name="Detail">A short reason for logs and set-aside rows; never holds the token.</param>
public sealed record SinkOutcome(SinkOutcomeKind Kind, int? StatusCode = null, TimeSpan? RetryAfter = null, string? Detail = null)
{
    public static SinkOutcome Delivered { get; } = new(SinkOutcomeKind.Delivered);

    /// <summary>Maps an HTTP status to the action it calls for.</summary>
    public static SinkOutcome FromStatus(int status, TimeSpan? retryAfter, string? detail) => status switch
    {
        >= 200 and < 300 => Delivered,
        400 or 413 or 422 => new(SinkOutcomeKind.Rejected, status, null, detail),
        // The request is wrong for this server (credentials, org/bucket/database, URL or protocol): a person must fix it.
        401 or 403 or 404 or 405 or 407 or 410 or 415 or 426 => new(SinkOutcomeKind.Refused, status, null, detail),
        _ => new(SinkOutcomeKind.Unavailable, status, retryAfter, detail),
    };

    public static SinkOutcome Unreachable(string detail, TimeSpan? retryAfter = null) =>
        new(SinkOutcomeKind.Unavailable, null, retryAfter, detail);
}
