namespace Probe.Tests.Drills;

/// <summary>
/// The network LED lines the <c>log</c> driver must print for a run of the daemon's log, from the LED table (PROBE.md section 2):
/// on each (re)start the panel is dark and shows <c>unknown</c>; each committed verdict changes only the LEDs that differ.
/// </summary>
internal static class LedExpectation
{
    public static (string Green, string Red) Patterns(string state) => state switch
    {
        "online" => ("solid", "off"),
        "unknown" => ("slow_blink", "off"),
        "international_cut" => ("off", "solid"),
        "full_shutdown" => ("off", "fast_blink"),
        "local_fault" => ("off", "double_blink"),
        "platform_block" or "dns_tampering" or "degraded" => ("off", "slow_blink"),
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, "not a verdict state"),
    };

    /// <summary>
    /// Expected and seen net-green/net-red lines from <paramref name="from"/> on, when the daemon had committed
    /// <paramref name="shownBefore"/>: the lines before <paramref name="from"/> give the panel as it was, so the LED
    /// lines of that earlier commit may land on either side of the bookmark.
    /// </summary>
    public static (IReadOnlyList<string> Expected, IReadOnlyList<string> Seen) Compare(IReadOnlyList<DaemonLine> all, int from, string shownBefore)
    {
        var panel = ("off", "off");
        foreach (var line in all.Take(from))
        {
            if (IsStart(line))
            {
                panel = ("off", "off");
            }
            else if (NetLed(line) is { } led)
            {
                panel = led.StartsWith("net-green ", StringComparison.Ordinal) ? (led["net-green ".Length..], panel.Item2) : (panel.Item1, led["net-red ".Length..]);
            }
        }

        var expected = Changes(ref panel, Patterns(shownBefore));
        var seen = new List<string>();
        foreach (var line in all.Skip(from))
        {
            if (IsStart(line))
            {
                // A fresh process: the log driver starts dark and the daemon shows "unknown" until it commits.
                panel = ("off", "off");
                expected.AddRange(Changes(ref panel, Patterns("unknown")));
            }
            else if (line.CommittedState is { } state)
            {
                expected.AddRange(Changes(ref panel, Patterns(state)));
            }
            else if (NetLed(line) is { } led)
            {
                seen.Add(led);
            }
        }

        return (expected, seen);
    }

    private static bool IsStart(DaemonLine line) => line.Text.Contains("drill: starting probe run", StringComparison.Ordinal);

    private static string? NetLed(DaemonLine line) =>
        line.Led is { } led && (led.StartsWith("net-green ", StringComparison.Ordinal) || led.StartsWith("net-red ", StringComparison.Ordinal)) ? led : null;

    private static List<string> Changes(ref (string Green, string Red) panel, (string Green, string Red) next)
    {
        var changes = new List<string>();
        if (panel.Green != next.Green)
        {
            changes.Add($"net-green {next.Green}");
        }

        if (panel.Red != next.Red)
        {
            changes.Add($"net-red {next.Red}");
        }

        panel = next;
        return changes;
    }
}
