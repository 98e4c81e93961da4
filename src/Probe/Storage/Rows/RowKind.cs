using Probe.Storage.Schema;
using Probe.Storage.Store;

namespace Probe.Storage.Rows;

/// <summary>What a stored row is; the numeric order is the eviction order of undelivered rows (checks go first, state changes last).</summary>
internal enum RowKind
{
    Check = 0,
    Health = 1,
    Clock = 2,
    Verdict = 3,
}
