namespace Probe.Clock;

/// <summary>One reading of the device's clocks: wall time, boot, monotonic offset and whether the wall clock is trustworthy.</summary>
/// <param name="Wall">Wall-clock time (may be wrong on a device without an RTC).</param>
/// <param name="BootId">/proc/sys/kernel/random/boot_id of the boot that took the reading.</param>
/// <param name="MonotonicMs">Milliseconds since boot (CLOCK_MONOTONIC), immune to wall-clock jumps.</param>
/// <param name="Synced">Whether the wall clock was synchronized (NTP) when read.</param>
public sealed record ClockReading(DateTimeOffset Wall, string BootId, long MonotonicMs, bool Synced);
