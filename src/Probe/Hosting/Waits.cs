namespace Probe.Hosting;

/// <summary>How the loops wait for their next cycle, telling the progress monitor until when.</summary>
internal static class Waits
{
    public static Task UntilAsync(TimeProvider time, ProgressMonitor monitor, string loop, DateTimeOffset due, CancellationToken cancellationToken) =>
        UntilAsync(time, monitor, loop, due, null, cancellationToken);

    /// <summary>Waits until <paramref name="due"/> or, if given, until a round is requested, whichever comes first.</summary>
    public static async Task UntilAsync(
        TimeProvider time, ProgressMonitor monitor, string loop, DateTimeOffset due, RoundTrigger? trigger, CancellationToken cancellationToken)
    {
        var delay = due - time.GetUtcNow();
        using var waiting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        // The timer is armed before the monitor hears of the wait: whoever watches the monitor may move time at once.
        var elapsed = Task.Delay(delay > TimeSpan.Zero ? delay : TimeSpan.Zero, time, waiting.Token);
        var requested = trigger?.WaitAsync(waiting.Token) ?? Task.Delay(Timeout.Infinite, waiting.Token);
        monitor.Waiting(loop, due);
        await Task.WhenAny(elapsed, requested);
        await waiting.CancelAsync();
        cancellationToken.ThrowIfCancellationRequested();
    }
}
