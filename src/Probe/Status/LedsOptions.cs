using Probe.Gpio;

namespace Probe.Status;

/// <summary>The status LEDs.</summary>
public sealed class LedsOptions
{
    /// <summary>One of <see cref="LedDrivers"/>: gpio, log or none.</summary>
    public string Driver { get; set; } = LedDrivers.Gpio;
    public int Chip { get; set; }
    public bool ActiveLow { get; set; }
    public LedPinsOptions Pins { get; set; } = new();
}
