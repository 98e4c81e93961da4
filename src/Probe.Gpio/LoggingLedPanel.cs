using Microsoft.Extensions.Logging;

namespace Probe.Gpio;

/// <summary>The <c>log</c> driver: each LED change is one log line, e.g. "led net-red fast_blink".</summary>
internal sealed class LoggingLedPanel(ILogger logger) : ILedPanel
{
    private readonly Lock _gate = new();
    private readonly LedPattern[] _patterns = new LedPattern[Enum.GetValues<Led>().Length];

    public void Show(Led led, LedPattern pattern)
    {
        var ledName = LedNames.Of(led);
        var patternName = LedNames.Of(pattern);
        lock (_gate)
        {
            if (_patterns[(int)led] == pattern)
            {
                return;
            }

            _patterns[(int)led] = pattern;
        }

        Log.LedChanged(logger, ledName, patternName);
    }

    public LedPattern PatternOf(Led led)
    {
        _ = LedNames.Of(led);
        lock (_gate)
        {
            return _patterns[(int)led];
        }
    }

    public ValueTask DisposeAsync()
    {
        // Mirrors real LEDs, which go dark when the panel is released.
        foreach (var led in Enum.GetValues<Led>())
        {
            Show(led, LedPattern.Off);
        }

        return ValueTask.CompletedTask;
    }
}
