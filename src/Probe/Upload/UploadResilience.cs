namespace Probe.Upload;

/// <summary>Knobs of the write pipeline; the defaults suit a home link to a cloud store, tests shrink them.</summary>
internal sealed record UploadResilience
{
    public TimeSpan AttemptTimeout { get; init; } = TimeSpan.FromSeconds(30);
    public int MaxRetryAttempts { get; init; } = 3;
    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromSeconds(1);
    public TimeSpan RetryMaxDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>A longer Retry-After is not waited out inside one write: the drain stops and the worker waits instead.</summary>
    public TimeSpan MaxInlineRetryAfter { get; init; } = TimeSpan.FromSeconds(60);

    public double BreakerFailureRatio { get; init; } = 0.5;
    public int BreakerMinimumThroughput { get; init; } = 4;
    public TimeSpan BreakerSamplingDuration { get; init; } = TimeSpan.FromSeconds(60);
    public TimeSpan BreakDuration { get; init; } = TimeSpan.FromSeconds(30);
}
