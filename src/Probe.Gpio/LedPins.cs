namespace Probe.Gpio;

/// <summary>BCM pin numbers of the four LEDs (defaults of PROBE.md section 2, "Wiring").</summary>
public sealed record LedPins(int Power = 17, int NetGreen = 27, int NetRed = 22, int Upload = 23)
{
    /// <summary>True when no two LEDs share a pin.</summary>
    public bool AreDistinct => new HashSet<int> { Power, NetGreen, NetRed, Upload }.Count == 4;

    /// <summary>The pin that drives <paramref name="led"/>.</summary>
    public int PinOf(Led led) => led switch
    {
        Led.Power => Power,
        Led.NetGreen => NetGreen,
        Led.NetRed => NetRed,
        Led.Upload => Upload,
        _ => throw new ArgumentOutOfRangeException(nameof(led), led, "not an LED of the panel"),
    };
}
