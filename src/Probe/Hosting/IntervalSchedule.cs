using System.Diagnostics.CodeAnalysis;

namespace Probe.Hosting;

/// <summary>Planned start times origin + k × interval, each moved by a random ±jitter × interval.</summary>
/// <remarks>
/// Times come from the plan, never from when the last cycle ended, so the rhythm does not drift. A cycle that ran
/// past one or more planned starts makes the next start due at once, and the starts it covered are skipped, not
/// run in a burst. Jitter is clamped to [0, 0.5] so that two starts never swap order.
/// </remarks>
internal sealed class IntervalSchedule(DateTimeOffset origin, TimeSpan interval, double jitter, Random random)
{
    private readonly TimeSpan _interval = interval > TimeSpan.Zero
        ? interval
        : throw new ArgumentOutOfRangeException(nameof(interval), interval, "An interval must be positive.");

    private readonly double _jitter = Math.Clamp(jitter, 0, 0.5);
    private long _slot;

    /// <summary>The start of the next cycle, given the time the current one ended.</summary>
    [SuppressMessage("Security", "CA5394:Do not use insecure randomness", Justification = "Jitter spreads load, it protects nothing.")]
    public DateTimeOffset Next(DateTimeOffset now)
    {
        _slot++;
        var current = (long)Math.Floor((now - origin) / _interval);
        if (current > _slot)
        {
            _slot = current;
        }

        var offset = _interval * (((random.NextDouble() * 2) - 1) * _jitter);
        return origin + (_interval * _slot) + offset;
    }
}
