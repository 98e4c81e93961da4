using System.Device.Gpio;

namespace Probe.Gpio.Tests.Fakes;

/// <summary>GPIO hardware faked at the driver level: records every level driven with its fake-clock time.</summary>
public sealed class RecordingGpioDriver(TimeProvider time) : GpioDriver
{
    private readonly DateTimeOffset _start = time.GetUtcNow();
    private readonly Dictionary<int, PinMode> _modes = [];
    private readonly List<PinLevel> _levels = [];

    /// <summary>Pins opened and not closed again.</summary>
    public IReadOnlyCollection<int> OpenPins => _modes.Keys;

    public List<int> ClosedPins { get; } = [];

    public bool Disposed { get; private set; }

    /// <summary>Pins whose OpenPin throws, to play busy or missing lines.</summary>
    public HashSet<int> FailingPins { get; } = [];

    public IReadOnlyList<PinLevel> Levels
    {
        get
        {
            lock (_levels)
            {
                return [.. _levels];
            }
        }
    }

    public IReadOnlyList<PinLevel> LevelsOf(int pin) => [.. Levels.Where(level => level.Pin == pin)];

    public void ClearLevels()
    {
        lock (_levels)
        {
            _levels.Clear();
        }
    }

    protected override int PinCount => 54;

    protected override void OpenPin(int pinNumber)
    {
        if (FailingPins.Contains(pinNumber))
        {
            throw new IOException($"line {pinNumber} is busy");
        }

        _modes[pinNumber] = PinMode.Input;
    }

    protected override void ClosePin(int pinNumber)
    {
        _modes.Remove(pinNumber);
        ClosedPins.Add(pinNumber);
    }

    protected override void SetPinMode(int pinNumber, PinMode mode) => _modes[pinNumber] = mode;

    protected override void SetPinMode(int pinNumber, PinMode mode, PinValue initialValue)
    {
        _modes[pinNumber] = mode;
        Record(pinNumber, initialValue);
    }

    protected override PinMode GetPinMode(int pinNumber) => _modes[pinNumber];

    protected override bool IsPinModeSupported(int pinNumber, PinMode mode) => true;

    protected override PinValue Read(int pinNumber) => PinValue.Low;

    protected override void Toggle(int pinNumber) => throw new NotSupportedException();

    protected override void Write(int pinNumber, PinValue value)
    {
        if (!_modes.TryGetValue(pinNumber, out var mode) || mode != PinMode.Output)
        {
            throw new InvalidOperationException($"pin {pinNumber} is not an open output");
        }

        Record(pinNumber, value);
    }

    protected override WaitForEventResult WaitForEvent(int pinNumber, PinEventTypes eventTypes, CancellationToken cancellationToken) =>
        throw new NotSupportedException();

    protected override void AddCallbackForPinValueChangedEvent(int pinNumber, PinEventTypes eventTypes, PinChangeEventHandler callback) =>
        throw new NotSupportedException();

    protected override void RemoveCallbackForPinValueChangedEvent(int pinNumber, PinChangeEventHandler callback) =>
        throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        Disposed = true;
        base.Dispose(disposing);
    }

    private void Record(int pin, PinValue value)
    {
        lock (_levels)
        {
            _levels.Add(new PinLevel(time.GetUtcNow() - _start, pin, value));
        }
    }
}
