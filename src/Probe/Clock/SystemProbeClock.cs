using Microsoft.Extensions.Logging;

namespace Probe.Clock;

/// <summary>
/// The device's real clocks: wall time from the injected <see cref="TimeProvider"/>, the kernel's boot id,
/// CLOCK_MONOTONIC (clock_gettime, not Stopwatch, so that the CLI and the daemon read the same system-wide
/// clock by contract rather than by implementation detail) and the sync state from systemd-timesyncd, adjtimex or, where the unit's ProtectClock=yes forbids adjtimex,
/// systemd-timedated over D-Bus (PROBE.md, "Clock").
/// </summary>
internal sealed class SystemProbeClock : IProbeClock
{
    internal const string DefaultBootIdPath = "/proc/sys/kernel/random/boot_id";
    internal const string DefaultSyncFlagPath = "/run/systemd/timesync/synchronized";

    private readonly TimeProvider _time;
    private readonly ILogger<SystemProbeClock> _logger;
    private readonly string _bootIdPath;
    private readonly string _syncFlagPath;
    private readonly Func<bool?> _kernelSynced;
    private readonly Func<long> _monotonicMs;
    private readonly Func<bool?> _timedatedSynced;
    private string? _bootId;
    private TimedatedAnswer? _timedated;

    public SystemProbeClock(TimeProvider time, ILogger<SystemProbeClock> logger)
        : this(time, logger, DefaultBootIdPath, DefaultSyncFlagPath, LinuxClockNative.KernelSynced, LinuxClockNative.MonotonicMs,
            () => TimedatedSync.NtpSynchronized(TimedatedSync.SystemBusPath(Environment.GetEnvironmentVariable("DBUS_SYSTEM_BUS_ADDRESS"))))
    {
    }

    /// <summary>Test seam: other files and kernel readers, so a test can play a boot without touching the host.</summary>
    internal SystemProbeClock(
        TimeProvider time,
        ILogger<SystemProbeClock> logger,
        string bootIdPath,
        string syncFlagPath,
        Func<bool?> kernelSynced,
        Func<long> monotonicMs,
        Func<bool?> timedatedSynced)
    {
        _time = time;
        _logger = logger;
        _bootIdPath = bootIdPath;
        _syncFlagPath = syncFlagPath;
        _kernelSynced = kernelSynced;
        _monotonicMs = monotonicMs;
        _timedatedSynced = timedatedSynced;
    }

    public ClockReading Read()
    {
        // Monotonic first: the wall clock is the one that may jump, so it is read as close to it as possible.
        var monotonic = _monotonicMs();
        var wall = _time.GetUtcNow();
        return new ClockReading(wall, BootId(), monotonic, IsSynced(monotonic));
    }

    private string BootId()
    {
        // The boot id cannot change while this process lives: read it once.
        if (_bootId is not null)
        {
            return _bootId;
        }

        try
        {
            _bootId = File.ReadAllText(_bootIdPath).Trim();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Unique per process: rows of different boots must never share an id, or one boot's offset would re-stamp another's rows.
            _bootId = "unknown-" + Guid.NewGuid().ToString("N");
            Log.BootIdUnreadable(_logger, _bootIdPath, _bootId, e);
        }

        return _bootId;
    }

    /// <summary>How long timedated's answer is reused: a bus round trip per result would be wasted, and a result waits 6 h anyway.</summary>
    internal const long TimedatedReuseMs = 60_000;

    private bool IsSynced(long monotonicMs)
    {
        // timesyncd's flag is the authority where it runs; the kernel's view covers chrony, ntpd and others.
        if (File.Exists(_syncFlagPath))
        {
            return true;
        }

        var kernel = _kernelSynced() ?? Timedated(monotonicMs);
        if (kernel is null)
        {
            Log.SyncStateUnknown(_logger);
        }

        return kernel ?? false;
    }

    // Under ProtectClock=yes adjtimex fails (EPERM): timedated, which runs unconfined, reads it for us.
    private bool? Timedated(long monotonicMs)
    {
        // One reference swap: readers on other threads see the old answer or the new one, never half of each.
        var last = _timedated;
        if (last is null || monotonicMs - last.AtMs >= TimedatedReuseMs || monotonicMs < last.AtMs)
        {
            last = new TimedatedAnswer(monotonicMs, _timedatedSynced());
            _timedated = last;
        }

        return last.Synced;
    }

    private sealed record TimedatedAnswer(long AtMs, bool? Synced);
}
