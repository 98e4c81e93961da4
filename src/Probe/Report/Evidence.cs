namespace Probe.Report;

/// <summary>The check results of an incident: how many, how many failed, failures by OONI string, and how far to trust their clocks; <c>FromMs</c> is where they start: the first failing check that led to the commit (<see cref="LeadUp"/>), else the commit.</summary>
internal sealed record Evidence(long Checks, long Failed, IReadOnlyDictionary<string, long> Failures, ClockCounts Clock, long FromMs);
