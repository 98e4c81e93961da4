namespace Probe.Upload;

/// <summary>
/// The store's standing answer as the daemon's upload loop last heard it, for the upload LED (PROBE.md, The LEDs: fast
/// blink when the result store refuses results). Thread-safe: the upload loop writes, the liveness loop reads.
/// </summary>
/// <remarks>
/// Refusing once a drain ends <see cref="UploadState.Refused"/> (<see cref="UploadWorker.StateAfter"/>): stopped by a
/// refusal (401, 403, 404, 405, 407, 410, 415, 426: see <see cref="SinkOutcome.FromStatus"/>) or by rejected data. The
/// worker stops on rejected data only while the store has accepted nothing since it started, that is when the store
/// rejects every batch. A store that accepted data once and then rejects every point (a field type conflict on each,
/// say) never stops a drain: each point is set aside and the queue empties, which would look like progress. So the
/// store refuses too once <see cref="RefusingAfterRejectedInARow"/> points in a row were rejected with none accepted
/// between (<see cref="DrainResult.RejectedInARow"/>); a poison point set aside beside delivered ones is not a refusal.
/// A later drain that delivered something, with fewer rejected points after it, clears it. An unreachable store
/// (timeouts, 5xx, 429, an open circuit) says nothing new about the configuration, so it changes nothing: the LED shows
/// the backlog as after any outage, or the refusal last heard.
/// </remarks>
public sealed class SinkOutcomeWatch
{
    /// <summary>
    /// Points rejected in a row, none accepted between, from which the store refuses our results: as many as the worker
    /// lets a store that never accepted anything reject before it stops (beyond that, it is not the data).
    /// </summary>
    public const int RefusingAfterRejectedInARow = UploadWorker.MaxUnprovenSuspects;

    private volatile bool _refusing;

    /// <summary>Whether the store's last telling answer refused our results: retrying will not help until someone fixes the configuration.</summary>
    public bool Refusing => _refusing;

    /// <summary>Takes in what one drain did.</summary>
    public void Observe(DrainResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (UploadWorker.StateAfter(result) == UploadState.Refused || result.RejectedInARow >= RefusingAfterRejectedInARow)
        {
            _refusing = true;
        }
        else if (result.Sent > 0)
        {
            _refusing = false;
        }
    }
}
