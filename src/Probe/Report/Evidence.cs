namespace Probe.Report;

/// <summary>The check results of an incident's interval: how many, how many failed, failures by OONI string, and how far to trust their clocks.</summary>
internal sealed record Evidence(long Checks, long Failed, IReadOnlyDictionary<string, long> Failures, ClockCounts Clock)
{
    public static Evidence None { get; } = new(0, 0, new Dictionary<string, long>(), ClockCounts.None);
}
