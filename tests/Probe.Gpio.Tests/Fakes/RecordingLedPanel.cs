using System.Threading.Channels;

namespace Probe.Gpio.Tests.Fakes;

/// <summary>An LED panel that records every Show call and lets a test await the next one.</summary>
public sealed class RecordingLedPanel : ILedPanel
{
    private readonly Channel<(Led Led, LedPattern Pattern)> _shown = Channel.CreateUnbounded<(Led, LedPattern)>();
    private readonly Dictionary<Led, LedPattern> _patterns = [];
    private readonly List<(Led Led, LedPattern Pattern)> _calls = [];

    public IReadOnlyList<(Led Led, LedPattern Pattern)> Calls
    {
        get
        {
            lock (_calls)
            {
                return [.. _calls];
            }
        }
    }

    public void Show(Led led, LedPattern pattern)
    {
        lock (_calls)
        {
            _calls.Add((led, pattern));
            _patterns[led] = pattern;
        }

        _shown.Writer.TryWrite((led, pattern));
    }

    public LedPattern PatternOf(Led led)
    {
        lock (_calls)
        {
            return _patterns.GetValueOrDefault(led);
        }
    }

    /// <summary>The next Show call not yet taken, waiting at most 10 s for it.</summary>
    public async Task<(Led Led, LedPattern Pattern)> NextShowAsync() =>
        await _shown.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
