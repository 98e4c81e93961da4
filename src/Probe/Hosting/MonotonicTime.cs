namespace Probe.Hosting;

/// <summary>Time elapsed since this object was made, on its <see cref="TimeProvider"/>'s monotonic timestamp: the round agenda's buckets run on it.</summary>
/// <remarks>
/// The timestamp is not scaled by multiplying it first: on Linux it counts nanoseconds since boot, and times
/// TimeSpan.TicksPerSecond that overflows a long after 922 s of uptime, so the time wrapped back by 15 minutes every
/// 15 minutes and a bucket that had spent a token saw it come back minutes late (or not at all). The difference from an
/// origin, converted as <see cref="TimeProvider.GetElapsedTime(long)"/> does, stays exact for as long as a probe runs.
/// </remarks>
internal sealed class MonotonicTime(TimeProvider time)
{
    private readonly long _origin = time.GetTimestamp();

    /// <summary>Time since the origin; never goes back.</summary>
    public TimeSpan Now => time.GetElapsedTime(_origin);
}
