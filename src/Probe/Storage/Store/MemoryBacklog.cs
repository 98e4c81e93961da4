using Probe.Storage.Rows;
using Probe.Storage.Schema;

namespace Probe.Storage.Store;

/// <summary>Records appended but not yet written (the location was full or read-only): bounded, dropping check results first, every drop counted.</summary>
internal sealed class MemoryBacklog(int limit)
{
    private readonly List<NewRow> _records = [];

    public IReadOnlyList<NewRow> Records => _records;

    public int Count => _records.Count;

    /// <summary>Rows dropped from memory since the last successful write, to be added to the persisted dropped_total.</summary>
    public long Dropped { get; private set; }

    public void Add(IEnumerable<NewRow> records) => _records.AddRange(records);

    public void Written()
    {
        _records.Clear();
        Dropped = 0;
    }

    /// <summary>Drops the excess over the limit in the size bound's order; returns how many went.</summary>
    public int Trim()
    {
        var excess = _records.Count - limit;
        if (excess <= 0)
        {
            return 0;
        }

        var victims = _records.Select((record, index) => (record, index)).OrderBy(x => x.record.Kind).ThenBy(x => x.index).Take(excess).Select(x => x.index).ToHashSet();
        var kept = _records.Where((_, index) => !victims.Contains(index)).ToList();
        _records.Clear();
        _records.AddRange(kept);
        Dropped += excess;
        return excess;
    }
}
