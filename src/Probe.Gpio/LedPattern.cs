namespace Probe.Gpio;

/// <summary>How an LED is driven (timings in <see cref="PatternTimeline"/>).</summary>
public enum LedPattern
{
    /// <summary>Dark.</summary>
    Off,
    /// <summary>Always lit.</summary>
    Solid,
    /// <summary>100 ms on, 900 ms off.</summary>
    Heartbeat,
    /// <summary>1 Hz: 500 ms on, 500 ms off.</summary>
    SlowBlink,
    /// <summary>4 Hz: 125 ms on, 125 ms off.</summary>
    FastBlink,
    /// <summary>Two short flashes then a pause, once a second.</summary>
    DoubleBlink,
}
