using System.Collections.Concurrent;

namespace Probe.Tests.Fixtures;

/// <summary>A synchronization context that runs every posted continuation on the one thread that pumps it.</summary>
internal sealed class SingleThreadContext : SynchronizationContext, IDisposable
{
    private readonly BlockingCollection<(SendOrPostCallback Callback, object? State)> _queue = [];

    public override void Post(SendOrPostCallback d, object? state)
    {
        try
        {
            _queue.Add((d, state));
        }
        catch (InvalidOperationException)
        {
            // Completed: a late continuation runs wherever it was posted from.
            d(state);
        }
    }

    public override void Send(SendOrPostCallback d, object? state) => throw new NotSupportedException("Send is not supported");

    public void Complete() => _queue.CompleteAdding();

    public void RunUntilComplete()
    {
        foreach (var (callback, state) in _queue.GetConsumingEnumerable())
        {
            callback(state);
        }
    }

    public void Dispose() => _queue.Dispose();
}
