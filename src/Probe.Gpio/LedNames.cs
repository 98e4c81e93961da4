namespace Probe.Gpio;

/// <summary>The names LEDs and patterns go by on the console and in logs: power, net-red, fast_blink …</summary>
public static class LedNames
{
    /// <summary>power, net-green, net-red or upload.</summary>
    public static string Of(Led led) => led switch
    {
        Led.Power => "power",
        Led.NetGreen => "net-green",
        Led.NetRed => "net-red",
        Led.Upload => "upload",
        _ => throw new ArgumentOutOfRangeException(nameof(led), led, "not an LED of the panel"),
    };

    /// <summary>off, solid, heartbeat, slow_blink, fast_blink or double_blink.</summary>
    public static string Of(LedPattern pattern) => pattern switch
    {
        LedPattern.Off => "off",
        LedPattern.Solid => "solid",
        LedPattern.Heartbeat => "heartbeat",
        LedPattern.SlowBlink => "slow_blink",
        LedPattern.FastBlink => "fast_blink",
        LedPattern.DoubleBlink => "double_blink",
        _ => throw new ArgumentOutOfRangeException(nameof(pattern), pattern, "not an LED pattern"),
    };
}
