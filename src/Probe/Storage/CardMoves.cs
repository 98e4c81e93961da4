namespace Probe.Storage;

/// <summary>
/// Tells the upload when new rows have reached the card (a move of the stage, or a write straight to the card while the
/// stage is broken), so that it sends them (and marks them delivered) at once: the card then sees one burst of writes per
/// move instead of two, routine results wait no longer than the move, and the upload need not poll an unchanged card.
/// Registered only with a stage (RunCommand): without one the upload polls every 15 s, and a wake at every write would
/// cost a request per sentinel round on the wire.
/// </summary>
public sealed class CardMoves
{
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes at the next move.</summary>
    public Task NextAsync() => Volatile.Read(ref _next).Task;

    internal void Moved() =>
        Interlocked.Exchange(ref _next, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
}
