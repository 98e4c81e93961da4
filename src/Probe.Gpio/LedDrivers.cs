namespace Probe.Gpio;

/// <summary>The LED driver names (<c>Probe:Leds:Driver</c>), spelled once for the configuration and the panel factory.</summary>
public static class LedDrivers
{
    /// <summary>The four LEDs on the Pi's GPIO pins, through libgpiod.</summary>
    public const string Gpio = "gpio";

    /// <summary>No hardware: every LED change is a log line.</summary>
    public const string Log = "log";

    /// <summary>No LEDs at all.</summary>
    public const string None = "none";

    /// <summary>Every driver name, in the order help and errors list them.</summary>
    public static IReadOnlyList<string> All { get; } = [Gpio, Log, None];
}
