namespace Probe.Gpio;

/// <summary>The <c>none</c> driver: remembers patterns so status can report them, shows nothing.</summary>
internal sealed class NullLedPanel : ILedPanel
{
    private readonly Lock _gate = new();
    private readonly LedPattern[] _patterns = new LedPattern[Enum.GetValues<Led>().Length];

    public void Show(Led led, LedPattern pattern)
    {
        _ = LedNames.Of(led);
        lock (_gate)
        {
            _patterns[(int)led] = pattern;
        }
    }

    public LedPattern PatternOf(Led led)
    {
        _ = LedNames.Of(led);
        lock (_gate)
        {
            return _patterns[(int)led];
        }
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
