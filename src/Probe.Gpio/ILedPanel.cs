namespace Probe.Gpio;

/// <summary>The LED panel: knows LEDs and patterns, not verdicts.</summary>
public interface ILedPanel : IAsyncDisposable
{
    /// <summary>Sets the pattern an LED plays from now on.</summary>
    void Show(Led led, LedPattern pattern);

    /// <summary>The pattern an LED is playing.</summary>
    LedPattern PatternOf(Led led);
}
