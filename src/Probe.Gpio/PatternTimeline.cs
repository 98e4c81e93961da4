using System.Collections.Immutable;

namespace Probe.Gpio;

/// <summary>The on/off steps each pattern repeats; the single source of the blink timings PROBE.md section 2, "The LEDs", describes.</summary>
internal static class PatternTimeline
{
    private static readonly TimeSpan Forever = Timeout.InfiniteTimeSpan;

    private static readonly ImmutableArray<LedStep> Off = [new(false, Forever)];
    private static readonly ImmutableArray<LedStep> Solid = [new(true, Forever)];
    private static readonly ImmutableArray<LedStep> Heartbeat = [On(100), Dark(900)];
    private static readonly ImmutableArray<LedStep> SlowBlink = [On(500), Dark(500)];
    private static readonly ImmutableArray<LedStep> FastBlink = [On(125), Dark(125)];

    // Two flashes close enough to read as a pair, then a pause long enough to separate pairs.
    private static readonly ImmutableArray<LedStep> DoubleBlink = [On(100), Dark(200), On(100), Dark(600)];

    public static ImmutableArray<LedStep> Of(LedPattern pattern) => pattern switch
    {
        LedPattern.Off => Off,
        LedPattern.Solid => Solid,
        LedPattern.Heartbeat => Heartbeat,
        LedPattern.SlowBlink => SlowBlink,
        LedPattern.FastBlink => FastBlink,
        LedPattern.DoubleBlink => DoubleBlink,
        _ => throw new ArgumentOutOfRangeException(nameof(pattern), pattern, "not an LED pattern"),
    };

    private static LedStep On(int milliseconds) => new(true, TimeSpan.FromMilliseconds(milliseconds));

    private static LedStep Dark(int milliseconds) => new(false, TimeSpan.FromMilliseconds(milliseconds));
}
