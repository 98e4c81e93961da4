namespace Probe.Status;

/// <summary>BCM pin numbers of the LEDs.</summary>
public sealed class LedPinsOptions
{
    public int Power { get; set; } = 17;
    public int NetGreen { get; set; } = 27;
    public int NetRed { get; set; } = 22;
    public int Upload { get; set; } = 23;
}
