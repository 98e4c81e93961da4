namespace Probe.Storage;

/// <summary>One row as read back from the records table.</summary>
internal sealed record StoredRow(long Id, long SeriesId, long TimestampMs, long Boot, long MonotonicMs, RowClock Clock, byte[] Fields);
