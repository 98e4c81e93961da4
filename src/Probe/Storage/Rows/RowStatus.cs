using Probe.Storage.Schema;
using Probe.Storage.Store;

namespace Probe.Storage.Rows;

/// <summary>Where a row is in its life: waiting for the sink, delivered (kept as history) or set aside as poison.</summary>
internal enum RowStatus
{
    Pending = 0,
    Delivered = 1,
    SetAside = 2,
}
