using Probe.Storage.Rows;
using Probe.Storage.Schema;

namespace Probe.Storage.Store;

/// <summary>
/// The stage's rows into the card, exactly once: the card records in the same transaction which stage file (its id) it
/// has taken rows from and up to which sequence number, so rows a crash left on the stage after their move are skipped.
/// </summary>
internal static class StageMove
{
    /// <summary>Writes the rows of <paramref name="staged"/> the card does not have yet, and the stage's drops not counted yet, in one transaction.</summary>
    public static void IntoCard(StoreSession session, long stageId, IReadOnlyList<(long Seq, NewRow Row)> staged, long droppedEver)
    {
        session.InTransaction(transaction =>
        {
            var connection = session.Connection;
            var same = StoreMeta.Get(connection, transaction, StoreMeta.StageId) == stageId;
            var movedThrough = same ? StoreMeta.Get(connection, transaction, StoreMeta.StageMovedThrough) ?? 0 : 0;
            var droppedCounted = same ? StoreMeta.Get(connection, transaction, StoreMeta.StageDroppedCounted) ?? 0 : 0;
            session.Writer.Write(transaction, [.. staged.Where(s => s.Seq > movedThrough).Select(s => s.Row)]);
            StoreMeta.Add(connection, transaction, StoreMeta.DroppedTotal, Math.Max(0, droppedEver - droppedCounted));
            StoreMeta.Set(connection, transaction, StoreMeta.StageId, stageId);
            StoreMeta.Set(connection, transaction, StoreMeta.StageMovedThrough, Math.Max(movedThrough, staged.Count > 0 ? staged[^1].Seq : 0));
            StoreMeta.Set(connection, transaction, StoreMeta.StageDroppedCounted, Math.Max(droppedCounted, droppedEver));
            return 0;
        });
    }
}
