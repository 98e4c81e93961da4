namespace Probe.Budget;

/// <summary>Bounds the extra passes anomalies ask for: a few at once, then one per refill period, so a flapping link cannot spend the day.</summary>
/// <remarks>A token bucket on the monotonic time it is given (no clock reads): <see cref="Capacity"/> tokens, one back every <see cref="Refill"/>.</remarks>
internal sealed class EscalationBucket(int capacity, TimeSpan refill, TimeSpan start)
{
    private double _tokens = capacity;
    private TimeSpan _at = start;

    public int Capacity => capacity;

    public TimeSpan Refill => refill;

    /// <summary>Whether an extra pass may run now, without taking its token.</summary>
    public bool CanTake(TimeSpan now) => Math.Min(capacity, _tokens + ((now - _at) / refill)) >= 1;

    /// <summary>Whether an extra pass may run now; takes its token when it may.</summary>
    public bool TryTake(TimeSpan now)
    {
        _tokens = Math.Min(capacity, _tokens + ((now - _at) / refill));
        _at = now;
        if (_tokens < 1)
        {
            return false;
        }

        _tokens--;
        return true;
    }
}
