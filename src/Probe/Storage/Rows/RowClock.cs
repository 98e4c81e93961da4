using Probe.Storage.Schema;
using Probe.Storage.Store;

namespace Probe.Storage.Rows;

/// <summary>How trustworthy a row's timestamp is, and whether it may still change.</summary>
internal enum RowClock
{
    /// <summary>Taken with a synchronized clock.</summary>
    Synced = 0,

    /// <summary>Re-stamped from its monotonic offset once its boot's clock synced.</summary>
    Corrected = 1,

    /// <summary>Unsynchronized and still waiting for its boot's clock: not sent yet, may be re-stamped.</summary>
    Waiting = 2,

    /// <summary>Unsynchronized and handed out for upload: its timestamp is frozen forever.</summary>
    Released = 3,
}
