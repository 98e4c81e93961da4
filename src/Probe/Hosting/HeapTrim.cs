namespace Probe.Hosting;

/// <summary>Gives a full round's garbage back to the system: one compacting, decommitting collection after a round, at most once a minute.</summary>
/// <remarks>
/// The shipped build gives gen0 a small budget (256 KiB, Probe.csproj), so what start-up and a round keep for a few
/// seconds is promoted, then sits dead in gen1 and gen2 regions, still committed, until a full collection that a
/// quiet daemon seldom needs. One aggressive collection after a round (a live heap of about 1 MB, a few milliseconds
/// every RoundInterval) returns it: 2–3 MB less resident in bench/footprint.sh (bench/RESULTS.md, "Memory after the
/// gen0 budget"). The first round is trimmed at once, which takes the start-up garbage with it; rounds closer than a
/// minute apart (short intervals in tests and benchmarks) are trimmed once a minute.
/// </remarks>
internal sealed class HeapTrim(TimeProvider time, Action collect)
{
    /// <summary>The least time between two trims.</summary>
    public static readonly TimeSpan Spacing = TimeSpan.FromMinutes(1);

    private DateTimeOffset? _last;

    public HeapTrim(TimeProvider time)
        : this(time, CollectAndDecommit)
    {
    }

    /// <summary>Trims unless the last trim was less than <see cref="Spacing"/> ago; true when it trimmed.</summary>
    public bool AfterRound()
    {
        var now = time.GetUtcNow();
        if (_last is { } last && now - last < Spacing)
        {
            return false;
        }

        _last = now;
        collect();
        return true;
    }

    private static void CollectAndDecommit() =>
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
}
