namespace Probe.Hosting;

/// <summary>Time elapsed since this object was made, on its <see cref="TimeProvider"/>'s monotonic timestamp: the round agenda's buckets run on it.</summary>
/// <remarks>
/// The timestamp is not scaled by multiplying it first: on Linux it counts nanoseconds since boot, and times
/// TimeSpan.TicksPerSecond that overflows a long after 922 s of uptime, so the time the buckets saw ran from +922 s to
/// -922 s and jumped back 1 845 s (30.7 min) every 30.7 min. A bucket whose last take came before such a jump lost about
/// 1.5 of the anomalies' tokens (20-min refill) and every recovery token (9-min refill) until the time climbed back: a
/// block's confirmation waited up to ~3 min for a token it had (RESULTS section 16). The difference from an origin,
/// converted as <see cref="TimeProvider.GetElapsedTime(long)"/> does, stays exact for as long as a probe runs.
/// </remarks>
internal sealed class MonotonicTime(TimeProvider time)
{
    private readonly long _origin = time.GetTimestamp();

    /// <summary>Time since the origin; never goes back.</summary>
    public TimeSpan Now => time.GetElapsedTime(_origin);
}
