using Probe.Gpio;
using Probe.Verdicts;

namespace Probe.Status;

/// <summary>The network LEDs' rows of the LED table (PROBE.md section 2, "The LEDs"): one lit at a time, green for online or starting, red for a problem.</summary>
internal static class NetLedPatterns
{
    public static (LedPattern Green, LedPattern Red) For(VerdictState state) => state switch
    {
        VerdictState.Online => (LedPattern.Solid, LedPattern.Off),
        VerdictState.Unknown => (LedPattern.SlowBlink, LedPattern.Off),
        VerdictState.InternationalCut => (LedPattern.Off, LedPattern.Solid),
        VerdictState.FullShutdown => (LedPattern.Off, LedPattern.FastBlink),
        VerdictState.LocalFault => (LedPattern.Off, LedPattern.DoubleBlink),
        VerdictState.PlatformBlock or VerdictState.DnsTampering or VerdictState.Degraded => (LedPattern.Off, LedPattern.SlowBlink),
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, null),
    };
}
