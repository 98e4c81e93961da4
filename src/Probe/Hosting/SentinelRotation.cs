using Probe.Targets;

namespace Probe.Hosting;

/// <summary>Which sentinels a regular pass on a budget checks: two thirds of each group, rotating, so every pass still sees a cut.</summary>
/// <remarks>
/// A cut fails every international sentinel, a shutdown every sentinel: any two of three show it. One sentinel of a group
/// alone could not tell its own outage from a cut, so a group keeps at least two where it has them. A pass that changed the
/// picture is confirmed at once by a pass of all of them.
/// </remarks>
internal static class SentinelRotation
{
    public static IReadOnlyList<Target> Pick(IReadOnlyList<Target> sentinels, long pass)
    {
        var picked = new List<Target>();
        foreach (var group in sentinels.GroupBy(t => t.Group))
        {
            var members = group.ToList();
            var take = members.Count <= 2 ? members.Count : Math.Max(2, (int)Math.Ceiling(members.Count * 2 / 3.0));
            var start = (int)(pass % members.Count);
            for (var i = 0; i < take; i++)
            {
                picked.Add(members[(start + i) % members.Count]);
            }
        }

        return picked;
    }
}
