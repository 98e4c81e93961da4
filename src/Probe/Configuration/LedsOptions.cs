namespace Probe.Configuration;

/// <summary>The status LEDs.</summary>
public sealed class LedsOptions
{
    /// <summary>gpio, log or none.</summary>
    public string Driver { get; set; } = "gpio";
    public int Chip { get; set; }
    public bool ActiveLow { get; set; }
    public LedPinsOptions Pins { get; set; } = new();
}
