namespace Probe.Upload;

/// <summary>How often the daemon drains and how it backs off; refusals (bad token) back off longer than outages.</summary>
internal sealed record UploadSchedule
{
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// With a stage, new rows reach the card only by its moves, which wake the upload: polling every 15 s would only
    /// read an unchanged card, and each read dirties SQLite's shared-memory file on the card (about 28 MB a day of the
    /// card's writes, bench/RESULTS.md section 17). This poll catches what no move announces: rows a CLI command wrote
    /// straight to the card, rows released once the clock's hold runs out.
    /// </summary>
    public TimeSpan StagedPollInterval { get; init; } = TimeSpan.FromMinutes(5);
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
