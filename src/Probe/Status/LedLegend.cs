using System.Collections.Immutable;
using Probe.Gpio;
using Probe.Verdicts;

namespace Probe.Status;

/// <summary>
/// The LED table (PROBE.md section 2, "The LEDs") as the code holds it: every LED, every pattern it can show, what that
/// means and what to do. The LED card is drawn from it and <c>probe leds test</c> can name meanings from it.
/// </summary>
/// <remarks>
/// The network rows take their pattern from <see cref="NetLedPatterns"/>, so the table cannot say one thing while the
/// LEDs do another; the power and upload rows are checked against <see cref="StatusLeds"/> and
/// <see cref="UploadLedPatterns"/> by the tests.
/// </remarks>
internal static class LedLegend
{
    /// <summary>The rows, LED by LED in panel order, the normal pattern of each LED first.</summary>
    public static ImmutableArray<LedLegendRow> Rows { get; } =
    [
        Plain(Led.Power, LedColour.Green, LedPattern.Heartbeat, "power.alive"),
        Plain(Led.Power, LedColour.Green, LedPattern.Off, "power.dark"),
        Net(Led.NetGreen, LedColour.Green, "net-green.online", VerdictState.Online),
        Net(Led.NetGreen, LedColour.Green, "net-green.starting", VerdictState.Unknown),
        Net(Led.NetRed, LedColour.Red, "net-red.international-cut", VerdictState.InternationalCut),
        Net(Led.NetRed, LedColour.Red, "net-red.full-shutdown", VerdictState.FullShutdown),
        Net(Led.NetRed, LedColour.Red, "net-red.local-fault", VerdictState.LocalFault),
        Net(Led.NetRed, LedColour.Red, "net-red.blocked", VerdictState.PlatformBlock, VerdictState.DnsTampering, VerdictState.Degraded),
        Plain(Led.Upload, LedColour.BlueOrYellow, LedPattern.Solid, "upload.delivered"),
        Plain(Led.Upload, LedColour.BlueOrYellow, LedPattern.SlowBlink, "upload.backlog"),
        Plain(Led.Upload, LedColour.BlueOrYellow, LedPattern.FastBlink, "upload.trouble"),
        Plain(Led.Upload, LedColour.BlueOrYellow, LedPattern.Off, "upload.no-sink"),
    ];

    /// <summary>The rows of one LED.</summary>
    public static IEnumerable<LedLegendRow> Of(Led led) => Rows.Where(row => row.Led == led);

    /// <summary>The row of an LED showing a pattern, or null when the LED never shows it in service.</summary>
    public static LedLegendRow? Find(Led led, LedPattern pattern) => Rows.FirstOrDefault(row => row.Led == led && row.Pattern == pattern);

    /// <summary>The colour of an LED.</summary>
    public static LedColour ColourOf(Led led) => Rows.First(row => row.Led == led).Colour;

    private static LedLegendRow Plain(Led led, LedColour colour, LedPattern pattern, string key) => new(led, colour, pattern, key, []);

    private static LedLegendRow Net(Led led, LedColour colour, string key, params VerdictState[] states)
    {
        var patterns = NetLedPatterns.For(states[0]);
        return new(led, colour, led == Led.NetGreen ? patterns.Green : patterns.Red, key, [.. states]);
    }
}
