namespace Probe.Upload;

/// <summary>How often the daemon drains and how it backs off; refusals (bad token) back off longer than outages.</summary>
internal sealed record UploadSchedule
{
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(15);
    public TimeSpan UnavailableMinBackoff { get; init; } = TimeSpan.FromSeconds(10);
    public TimeSpan UnavailableMaxBackoff { get; init; } = TimeSpan.FromMinutes(5);
    public TimeSpan RefusedMinBackoff { get; init; } = TimeSpan.FromMinutes(2);
    public TimeSpan RefusedMaxBackoff { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>The wait after a cycle: doubling per consecutive failure, capped, never shorter than the store's Retry-After.</summary>
    public TimeSpan NextDelay(SinkOutcome? stoppedBy, int consecutiveFailures)
    {
        if (stoppedBy is null)
        {
            return PollInterval;
        }

        // A store that refuses us, or rejects every point, needs a person to fix its configuration: no point asking often.
        var (min, max) = stoppedBy.Kind is SinkOutcomeKind.Refused or SinkOutcomeKind.Rejected
            ? (RefusedMinBackoff, RefusedMaxBackoff)
            : (UnavailableMinBackoff, UnavailableMaxBackoff);
        var factor = Math.Pow(2, Math.Clamp(consecutiveFailures - 1, 0, 20));
        var delay = TimeSpan.FromTicks((long)Math.Min(min.Ticks * factor, max.Ticks));
        return stoppedBy.RetryAfter is { } retryAfter && retryAfter > delay ? retryAfter : delay;
    }
}
