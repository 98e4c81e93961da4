namespace Probe.Report;

/// <summary>What the HTML timeline of one probe draws: state bands over its window and one reachability strip per group or platform.</summary>
internal sealed record ProbeTimeline(string Probe, long FromMs, long ToMs, IReadOnlyList<StateSpan> States, IReadOnlyList<ReachabilityStrip> Strips);

/// <summary>A committed state held from <paramref name="StartMs"/> to <paramref name="EndMs"/>.</summary>
internal sealed record StateSpan(string State, long StartMs, long EndMs);

/// <summary>Check results of one group or platform in equal time slots over the timeline's window.</summary>
internal sealed record ReachabilityStrip(string Name, bool IsPlatform, IReadOnlyList<SlotCount> Slots);

/// <summary>How many checks succeeded and failed in one slot.</summary>
internal readonly record struct SlotCount(int Ok, int Failed);
