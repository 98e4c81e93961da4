namespace Probe.Storage;

/// <summary>What the buffer holds: the figures of <c>probe status</c>.</summary>
public sealed record StoreStatus(
    long Rows,
    long Bytes,
    long PendingRows,
    DateTimeOffset? OldestPending,
    long DroppedTotal,
    long SetAsideTotal,
    string? LastVerdict,
    DateTimeOffset? LastVerdictAt,
    DateTimeOffset? LastUploadAt,
    long DeliveredTotal);
