namespace Probe.Hosting;

/// <summary>Asks the round scheduler for a full round now (the sentinels changed picture); requests made before a round starts are covered by it.</summary>
internal sealed class RoundTrigger
{
    private readonly Lock _gate = new();
    private TaskCompletionSource _signal = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public bool Pending
    {
        get
        {
            lock (_gate)
            {
                return _signal.Task.IsCompleted;
            }
        }
    }

    public void Request()
    {
        lock (_gate)
        {
            _signal.TrySetResult();
        }
    }

    /// <summary>Completes when a round is requested (maybe already).</summary>
    public Task WaitAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return _signal.Task.WaitAsync(cancellationToken);
        }
    }

    /// <summary>Clears requests: the round starting now answers them.</summary>
    public void Consume()
    {
        lock (_gate)
        {
            if (_signal.Task.IsCompleted)
            {
                _signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        }
    }
}
