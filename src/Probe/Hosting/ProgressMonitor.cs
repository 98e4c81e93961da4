using System.Collections.Concurrent;
using Microsoft.Extensions.Hosting.Systemd;

namespace Probe.Hosting;

/// <summary>Where the daemon's loops promise when they will report next; a loop past its promise is hung.</summary>
/// <remarks>The first cycle that starts tells systemd READY=1 (Type=notify).</remarks>
internal sealed class ProgressMonitor(TimeProvider time, ISystemdNotifier notifier, DaemonTimings timings)
{
    private readonly ConcurrentDictionary<string, LoopProgress> _loops = new(StringComparer.Ordinal);
    private int _readySent;
    private int _started;

    /// <summary>Raised after every report; tests use it to know when the loops are idle.</summary>
    public event Action? Changed;

    public bool Started => Volatile.Read(ref _started) == 1;

    public void Waiting(string loop, DateTimeOffset until) =>
        Set(loop, new LoopProgress(false, until, until + timings.StallGrace));

    public void Busy(string loop, TimeSpan budget)
    {
        if (Interlocked.Exchange(ref _readySent, 1) == 0)
        {
            // Started turns true only once READY=1 is out, so the liveness tick never pings WATCHDOG=1 before it.
            notifier.Notify(ServiceState.Ready);
            Volatile.Write(ref _started, 1);
        }

        var until = time.GetUtcNow() + budget;
        Set(loop, new LoopProgress(true, until, until + timings.StallGrace));
    }

    public void Stopped(string loop)
    {
        _loops.TryRemove(loop, out _);
        Changed?.Invoke();
    }

    public LoopProgress? Of(string loop) => _loops.TryGetValue(loop, out var progress) ? progress : null;

    /// <summary>The first loop that is past its deadline, or null when all keep their promises.</summary>
    public string? Stalled(DateTimeOffset now) =>
        _loops.Where(pair => now > pair.Value.Deadline).Select(pair => pair.Key).Order(StringComparer.Ordinal).FirstOrDefault();

    private void Set(string loop, LoopProgress progress)
    {
        _loops[loop] = progress;
        Changed?.Invoke();
    }
}
