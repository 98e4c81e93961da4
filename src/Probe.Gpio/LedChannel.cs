using System.Collections.Immutable;
using System.Device.Gpio;
using Microsoft.Extensions.Logging;

namespace Probe.Gpio;

/// <summary>One LED on one pin: plays a pattern with a one-shot timer re-armed at each edge.</summary>
/// <remarks>
/// Edges are computed from the moment the pattern started (monotonic timestamp), not from the
/// previous tick, so a late tick never makes the blinking drift. All state is guarded by the
/// panel's lock, shared by its channels so that the controller sees one write at a time.
/// </remarks>
internal sealed class LedChannel : IDisposable
{
    private readonly Lock _gate;
    private readonly GpioController _controller;
    private readonly Led _led;
    private readonly int _pin;
    private readonly bool _activeLow;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ITimer _timer;
    private readonly bool _openedPin;
    private LedPattern _pattern = LedPattern.Off;
    private ImmutableArray<LedStep> _steps = PatternTimeline.Of(LedPattern.Off);
    private int _step;
    private long _start;
    private TimeSpan _nextEdge;
    private bool? _lit;
    private bool _failing;
    private bool _disposed;

    public LedChannel(Lock gate, GpioController controller, Led led, int pin, bool activeLow, TimeProvider time, ILogger logger)
    {
        _gate = gate;
        _controller = controller;
        _led = led;
        _pin = pin;
        _activeLow = activeLow;
        _time = time;
        _logger = logger;

        // A pin someone else opened stays theirs: we drive it but never close it.
        if (!controller.IsPinOpen(pin))
        {
            // Opening with the dark level avoids a flash on active-low wiring.
            controller.OpenPin(pin, PinMode.Output, Level(lit: false));
            _openedPin = true;
        }
        else
        {
            controller.SetPinMode(pin, PinMode.Output);
        }

        _lit = null;
        Write(lit: false);
        _timer = time.CreateTimer(static state => ((LedChannel)state!).Tick(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    public LedPattern Pattern
    {
        get
        {
            lock (_gate)
            {
                return _pattern;
            }
        }
    }

    public void Play(LedPattern pattern)
    {
        var steps = PatternTimeline.Of(pattern);
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);

            // The same pattern again keeps its rhythm: callers repeat states every round.
            if (pattern == _pattern)
            {
                return;
            }

            _pattern = pattern;
            _steps = steps;
            _step = 0;
            _start = _time.GetTimestamp();
            _nextEdge = steps[0].Duration;
            Write(steps[0].Lit);
            Arm(TimeSpan.Zero);
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _timer.Dispose();
            Write(lit: false);
            if (_openedPin)
            {
                _controller.ClosePin(_pin);
            }
        }
    }

    private void Tick()
    {
        lock (_gate)
        {
            // A tick queued before a switch to solid/off, or before disposal, has nothing to do.
            if (_disposed || _steps[_step].Duration == Timeout.InfiniteTimeSpan)
            {
                return;
            }

            var elapsed = _time.GetElapsedTime(_start);
            while (_nextEdge <= elapsed)
            {
                _step = (_step + 1) % _steps.Length;
                _nextEdge += _steps[_step].Duration;
            }

            Write(_steps[_step].Lit);
            Arm(elapsed);
        }
    }

    private void Arm(TimeSpan elapsed)
    {
        var due = _steps[_step].Duration == Timeout.InfiniteTimeSpan ? Timeout.InfiniteTimeSpan : _nextEdge - elapsed;
        _timer.Change(due, Timeout.InfiniteTimeSpan);
    }

    private void Write(bool lit)
    {
        if (_lit == lit)
        {
            return;
        }

        try
        {
            _controller.Write(_pin, Level(lit));
            _lit = lit;
            _failing = false;
        }
        catch (Exception ex) when (ex is IOException or InvalidOperationException or UnauthorizedAccessException)
        {
            // An LED is never worth stopping the probe for; say it once, not at every edge.
            if (!_failing)
            {
                Log.WriteFailed(_logger, ex, LedNames.Of(_led), _pin);
                _failing = true;
            }
        }
    }

    private PinValue Level(bool lit) => lit != _activeLow ? PinValue.High : PinValue.Low;
}
