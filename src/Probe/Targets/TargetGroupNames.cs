namespace Probe.Targets;

/// <summary>The configuration and tag spelling of <see cref="TargetGroup"/>: national, international, platform.</summary>
public static class TargetGroupNames
{
    public static string ToName(this TargetGroup group) => group switch
    {
        TargetGroup.National => "national",
        TargetGroup.International => "international",
        TargetGroup.Platform => "platform",
        _ => throw new ArgumentOutOfRangeException(nameof(group), group, null),
    };

    /// <summary>Parses a group name, ignoring case; numbers are not group names.</summary>
    public static bool TryParse(string? text, out TargetGroup group)
    {
        foreach (var candidate in Enum.GetValues<TargetGroup>())
        {
            if (string.Equals(text?.Trim(), candidate.ToName(), StringComparison.OrdinalIgnoreCase))
            {
                group = candidate;
                return true;
            }
        }

        group = TargetGroup.National;
        return false;
    }
}
