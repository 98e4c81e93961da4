using Probe.Gpio;

namespace Probe.Status;

/// <summary>What a card is drawn for: the probe's name and how its LEDs are wired (from the configuration).</summary>
internal sealed record LedCardInput(string ProbeId, LedPins Pins, bool ActiveLow);
