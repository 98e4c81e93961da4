using Probe.Clock;

namespace Probe.Tests.Storage;

/// <summary>A device clock a test drives by hand: which boot, how long since it started, what the wall clock says and whether it is synced.</summary>
internal sealed class PlayedClock : IProbeClock
{
    public string BootId { get; set; } = "boot-a";

    public long MonotonicMs { get; set; } = 1000;

    public DateTimeOffset Wall { get; set; } = StoreFixture.TrueTime;

    public bool Synced { get; set; } = true;

    public ClockReading Read() => new(Wall, BootId, MonotonicMs, Synced);

    /// <summary>Lets time pass on both clocks.</summary>
    public ClockReading Advance(long ms)
    {
        MonotonicMs += ms;
        Wall += TimeSpan.FromMilliseconds(ms);
        return Read();
    }
}
