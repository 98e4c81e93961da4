using System.Text.RegularExpressions;

namespace Probe.Configuration;

/// <summary>The rules every feature's validator shares: tag-safe names, positive durations, ranges, ports, and the list of accepted values.</summary>
internal static partial class OptionRules
{
    /// <summary>Names that become tags in the time-series store.</summary>
    [GeneratedRegex("^[A-Za-z0-9._-]{1,63}$")]
    public static partial Regex TagSafe();

    public static void Positive(TimeSpan value, string key, ProblemList problems)
    {
        if (value <= TimeSpan.Zero)
        {
            problems.Add(key, Localization.Text.Format("config.timespan.positive", value));
        }
    }

    public static void InRange(long value, long min, long max, string key, ProblemList problems)
    {
        if (value < min || value > max)
        {
            problems.Add(key, Localization.Text.Format("config.range", value, min, max));
        }
    }

    public static void Ports(List<int> ports, string key, ProblemList problems)
    {
        for (var i = 0; i < ports.Count; i++)
        {
            if (!NetworkText.IsPort(ports[i]))
            {
                problems.Add($"{key}:{i}", Localization.Text.Format("config.port.invalid", ports[i]));
            }
        }
    }

    /// <summary>The accepted values as a volunteer reads them: "influx2, influx1 or none" (in French "… ou none").</summary>
    public static string OneOf(IReadOnlyList<string> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return values.Count < 2
            ? string.Join(", ", values)
            : Localization.Text.Format("config.oneof", string.Join(", ", values.Take(values.Count - 1)), values[^1]);
    }
}
