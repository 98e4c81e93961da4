namespace Probe.Checks;

/// <summary>A check's hard deadline on the injected clock, linked to the caller's cancellation.</summary>
internal sealed class Deadline : IDisposable
{
    private readonly CancellationTokenSource _timer;
    private readonly CancellationTokenSource _linked;
    private readonly CancellationToken _outer;

    public Deadline(TimeSpan timeout, TimeProvider time, CancellationToken outer)
    {
        _outer = outer;
        _timer = new CancellationTokenSource(timeout, time);
        _linked = CancellationTokenSource.CreateLinkedTokenSource(outer, _timer.Token);
    }

    public CancellationToken Token => _linked.Token;

    /// <summary>True when the deadline (not the caller) ended the check: then any exception is a timeout.</summary>
    public bool Expired => _timer.IsCancellationRequested && !_outer.IsCancellationRequested;

    /// <summary>Ends the check early (its work is no longer needed).</summary>
    public void Cancel() => _linked.Cancel();

    public void Dispose()
    {
        _linked.Dispose();
        _timer.Dispose();
    }
}
