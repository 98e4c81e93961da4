namespace Probe.Gpio;

/// <summary>How the LED panel is built: plain values, so Probe.Gpio needs nothing from the app's options.</summary>
/// <param name="Driver">gpio, log or none (see <see cref="LedDrivers"/>).</param>
/// <param name="Chip">The gpiochip number (0 on a Raspberry Pi up to 4, also 0 on a Pi 5 with a recent kernel).</param>
/// <param name="ActiveLow">True when a pin driven low lights its LED (LED wired to 3.3 V).</param>
/// <param name="Pins">BCM pin of each LED.</param>
public sealed record LedPanelSettings(string Driver, int Chip, bool ActiveLow, LedPins Pins);
