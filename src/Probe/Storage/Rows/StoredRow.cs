using Probe.Storage.Schema;
using Probe.Storage.Store;

namespace Probe.Storage.Rows;

/// <summary>One row as read back from the <c>records</c> table (its SQL name, kept from schema 1).</summary>
internal sealed record StoredRow(long Id, long SeriesId, long TimestampMs, long Boot, long MonotonicMs, RowClock Clock, byte[] Fields);
