using Microsoft.Extensions.Time.Testing;
using Probe.Clock;

namespace Probe.Tests.Fakes;

/// <summary>A clock for tests: wall time from a FakeTimeProvider, a fixed boot id, monotonic ms advancing with it.</summary>
internal sealed class FakeProbeClock(FakeTimeProvider time, string bootId = "00000000-0000-0000-0000-000000000001", bool synced = true) : IProbeClock
{
    private readonly DateTimeOffset _bootWall = time.GetUtcNow();

    public FakeProbeClock()
        : this(new FakeTimeProvider(new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero)))
    {
    }

    public FakeTimeProvider Time { get; } = time;

    public bool Synced { get; set; } = synced;

    public string BootId { get; set; } = bootId;

    public ClockReading Read()
    {
        var now = Time.GetUtcNow();
        return new ClockReading(now, BootId, (long)(now - _bootWall).TotalMilliseconds, Synced);
    }
}
