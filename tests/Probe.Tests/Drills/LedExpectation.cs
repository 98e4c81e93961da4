namespace Probe.Tests.Drills;

/// <summary>
/// The network LED lines the <c>log</c> driver must print for a run of the daemon's log, from DESIGN.md's LED table:
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

    /// <summary>Expected and seen net-green/net-red lines in <paramref name="lines"/>, starting from a panel showing <paramref name="shownBefore"/>.</summary>
    public static (IReadOnlyList<string> Expected, IReadOnlyList<string> Seen) Compare(IEnumerable<DaemonLine> lines, string shownBefore)
    {
        var expected = new List<string>();
        var seen = new List<string>();
        var panel = Patterns(shownBefore);
        foreach (var line in lines)
        {
            if (line.Text.Contains("drill: starting probe run", StringComparison.Ordinal))
            {
                // A fresh process: the log driver starts dark and the daemon shows "unknown" until it commits.
                panel = ("off", "off");
                expected.AddRange(Changes(ref panel, Patterns("unknown")));
            }
            else if (line.CommittedState is { } state)
            {
                expected.AddRange(Changes(ref panel, Patterns(state)));
            }
            else if (line.Led is { } led && (led.StartsWith("net-green ", StringComparison.Ordinal) || led.StartsWith("net-red ", StringComparison.Ordinal)))
            {
                seen.Add(led);
            }
        }

        return (expected, seen);
    }

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
