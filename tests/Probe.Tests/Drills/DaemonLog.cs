namespace Probe.Tests.Drills;

/// <summary>Every line the daemon (and its restarts) printed, in order, with a signal for tests that wait on a line.</summary>
internal sealed class DaemonLog
{
    private readonly Lock _gate = new();
    private readonly List<DaemonLine> _lines = [];
    private TaskCompletionSource _changed = NewSignal();

    /// <summary>The index the next line will get: a bookmark for <see cref="Since"/> and <see cref="WaitForAsync"/>.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _lines.Count;
            }
        }
    }

    public void Append(string text)
    {
        TaskCompletionSource changed;
        lock (_gate)
        {
            _lines.Add(DaemonLine.Parse(_lines.Count, text, DateTimeOffset.UtcNow));
            changed = _changed;
            _changed = NewSignal();
        }

        changed.TrySetResult();
    }

    /// <summary>Wakes waiters without a line, e.g. when the process ended.</summary>
    public void Pulse()
    {
        TaskCompletionSource changed;
        lock (_gate)
        {
            changed = _changed;
            _changed = NewSignal();
        }

        changed.TrySetResult();
    }

    public IReadOnlyList<DaemonLine> Since(int index)
    {
        lock (_gate)
        {
            return _lines.Skip(index).ToList();
        }
    }

    /// <summary>The first line from <paramref name="index"/> on that matches, or null when none came within <paramref name="timeout"/> or <paramref name="giveUp"/> says so.</summary>
    public async Task<DaemonLine?> WaitForAsync(int index, Func<DaemonLine, bool> match, TimeSpan timeout, Func<bool>? giveUp = null)
    {
        using var deadline = new CancellationTokenSource(timeout);
        var next = index;
        while (true)
        {
            Task signal;
            lock (_gate)
            {
                for (; next < _lines.Count; next++)
                {
                    if (match(_lines[next]))
                    {
                        return _lines[next];
                    }
                }

                signal = _changed.Task;
            }

            if (giveUp?.Invoke() == true)
            {
                return null;
            }

            try
            {
                await signal.WaitAsync(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                return null;
            }
        }
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
