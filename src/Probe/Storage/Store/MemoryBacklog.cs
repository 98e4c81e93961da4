using Probe.Storage.Rows;
using Probe.Storage.Schema;

namespace Probe.Storage.Store;

/// <summary>Rows appended but not yet written (the location was full or read-only): bounded, dropping check results first, every drop counted.</summary>
internal sealed class MemoryBacklog(int limit)
{
    private readonly List<NewRow> _rows = [];

    public IReadOnlyList<NewRow> Rows => _rows;

    public int Count => _rows.Count;

    /// <summary>Rows dropped from memory since the last successful write, to be added to the persisted dropped_total.</summary>
    public long Dropped { get; private set; }

    public void Add(IEnumerable<NewRow> rows) => _rows.AddRange(rows);

    public void Written()
    {
        _rows.Clear();
        Dropped = 0;
    }

    /// <summary>Drops the excess over the limit in the size bound's order; returns how many went.</summary>
    public int Trim()
    {
        var excess = _rows.Count - limit;
        if (excess <= 0)
        {
            return 0;
        }

        var victims = _rows.Select((row, index) => (row, index)).OrderBy(x => x.row.Kind).ThenBy(x => x.index).Take(excess).Select(x => x.index).ToHashSet();
        var kept = _rows.Where((_, index) => !victims.Contains(index)).ToList();
        _rows.Clear();
        _rows.AddRange(kept);
        Dropped += excess;
        return excess;
    }
}
