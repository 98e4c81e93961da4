namespace Probe.Hosting;

/// <summary>Gives a full round's garbage back to the system: one compacting, decommitting collection after each round.</summary>
/// <remarks>
/// The shipped build gives gen0 a small budget (256 KiB, Probe.csproj), so what start-up and a round hold for a few
/// seconds is promoted, then sits dead in gen1 and gen2 regions, still committed, until a full collection that a
/// quiet daemon seldom needs: resident memory grew by about 1 MB a round. One aggressive collection after the round
/// (a live heap of about 1 MB: a few milliseconds every RoundInterval) returns it, so the daemon stays near 20 MB
/// resident (bench/RESULTS.md, "Memory after the gen0 budget"). Tests count the trims instead of collecting.
/// </remarks>
internal sealed class HeapTrim(Action collect)
{
    public HeapTrim()
        : this(CollectAndDecommit)
    {
    }

    public void AfterRound() => collect();

    private static void CollectAndDecommit() =>
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
}
