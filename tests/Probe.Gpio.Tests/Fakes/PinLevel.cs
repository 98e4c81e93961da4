using System.Device.Gpio;

namespace Probe.Gpio.Tests.Fakes;

/// <summary>One level a pin was driven to, and when (time since the fake clock's start).</summary>
public sealed record PinLevel(TimeSpan At, int Pin, PinValue Value)
{
    public override string ToString() => $"{At.TotalMilliseconds}ms pin {Pin} {(Value == PinValue.High ? "high" : "low")}";
}
