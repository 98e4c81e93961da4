using System.Device.Gpio;
using Microsoft.Extensions.Logging;

namespace Probe.Gpio;

/// <summary>The LED panel on real pins: one <see cref="LedChannel"/> per LED over a controller it is given.</summary>
/// <remarks>
/// Like a dotnet/iot binding it owns only what it created: the pins it opened, and the
/// controller only when <c>shouldDispose</c> says it was made for it.
/// </remarks>
internal sealed class LedPanel : ILedPanel
{
    private readonly Lock _gate = new();
    private readonly GpioController _controller;
    private readonly bool _shouldDispose;
    private readonly LedChannel[] _channels;
    private int _disposed;

    public LedPanel(GpioController controller, LedPins pins, bool activeLow, TimeProvider timeProvider, ILogger logger, bool shouldDispose = true)
    {
        ArgumentNullException.ThrowIfNull(controller);
        ArgumentNullException.ThrowIfNull(pins);
        if (!pins.AreDistinct)
        {
            throw new ArgumentException($"each LED needs its own pin, got {pins}", nameof(pins));
        }

        _controller = controller;
        _shouldDispose = shouldDispose;
        var leds = Enum.GetValues<Led>();
        var channels = new List<LedChannel>(leds.Length);
        try
        {
            foreach (var led in leds)
            {
                channels.Add(new LedChannel(_gate, controller, led, pins.PinOf(led), activeLow, timeProvider, logger));
            }
        }
        catch
        {
            // Leave no pin half-claimed when a later one cannot be opened.
            channels.ForEach(channel => channel.Dispose());
            throw;
        }

        _channels = [.. channels];
    }

    public void Show(Led led, LedPattern pattern) => ChannelOf(led).Play(pattern);

    public LedPattern PatternOf(Led led) => ChannelOf(led).Pattern;

    public ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            foreach (var channel in _channels)
            {
                channel.Dispose();
            }

            if (_shouldDispose)
            {
                _controller.Dispose();
            }
        }

        return ValueTask.CompletedTask;
    }

    private LedChannel ChannelOf(Led led)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        return (uint)led < (uint)_channels.Length
            ? _channels[(int)led]
            : throw new ArgumentOutOfRangeException(nameof(led), led, "not an LED of the panel");
    }
}
