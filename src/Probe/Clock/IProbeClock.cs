namespace Probe.Clock;

/// <summary>Reads the device's clocks; the seam that lets tests play a boot that syncs late or never.</summary>
public interface IProbeClock
{
    ClockReading Read();
}
