using System.Collections.Concurrent;
using Probe.Gpio;

namespace Probe.Tests.Hosting;

/// <summary>A panel that remembers each LED's pattern and every change.</summary>
internal sealed class FakeLedPanel : ILedPanel
{
    private readonly ConcurrentDictionary<Led, LedPattern> _patterns = new();

    public ConcurrentQueue<(Led Led, LedPattern Pattern)> Shown { get; } = new();

    public void Show(Led led, LedPattern pattern)
    {
        _patterns[led] = pattern;
        Shown.Enqueue((led, pattern));
    }

    public LedPattern PatternOf(Led led) => _patterns.GetValueOrDefault(led, LedPattern.Off);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
