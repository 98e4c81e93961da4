namespace Probe.Storage;

/// <summary>One stored row ready to upload: its row id and the point it becomes in the analysts' store.</summary>
public sealed record PendingPoint(long Id, ProbePoint Point);
