namespace Probe.Upload;

/// <summary>What one drain did: the figures <c>probe upload</c> prints, and why it stopped early if it did.</summary>
/// <param name="Sent">Points the store acknowledged (2xx) and that are now marked delivered.</param>
/// <param name="SetAside">Poison points the store rejected as bad data, set aside in the local store.</param>
/// <param name="Left">Points still waiting in the local store after the drain.</param>
/// <param name="StoppedBy">The outcome that ended the drain early (refused, unavailable), or null when the queue ran dry.</param>
/// <param name="RejectedInARow">
/// Points the store rejected one by one (400, 413, 422 on a single point) since it last accepted a batch, counted across
/// the worker's drains: a store that took data before and now rejects every point refuses results all the same
/// (<see cref="SinkOutcomeWatch"/>).
/// </param>
public sealed record DrainResult(long Sent, long SetAside, long Left, SinkOutcome? StoppedBy, long RejectedInARow = 0)
{
    /// <summary>Exit code of <c>probe upload</c>: 0 when everything was delivered, 1 when some is left.</summary>
    public int ExitCode => Left == 0 ? 0 : 1;
}
