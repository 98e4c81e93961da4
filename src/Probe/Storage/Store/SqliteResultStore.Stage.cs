using Probe.Storage.Rows;

namespace Probe.Storage.Store;

/// <summary>The stage's part of the store: first commits on tmpfs, moved to the card (Store/Stage, PROBE.md §5).</summary>
internal sealed partial class SqliteResultStore
{
    /// <summary>Commits the rows on the stage; false without a stage, or when it just failed (the rows then go straight to the card).</summary>
    private bool TryStage(List<NewRow> rows)
    {
        if (_stage is null)
        {
            return false;
        }

        try
        {
            _stage.Add(rows);
            return true;
        }
        catch (Exception e) when (IsStorageTrouble(e))
        {
            Log.StageFailed(_logger, _stage.Path, e);

            // What it holds moves now if it can still be read (older rows first), else at the next start; the failure is
            // logged once, above.
            MoveStage(failureLogged: true);
            _stage.Dispose();
            _stage = null;
            return false;
        }
    }

    /// <summary>Moves what the stage holds to the card in one transaction; while the card cannot be written it stays there, bounded.</summary>
    private void MoveStage(bool failureLogged = false)
    {
        var stage = _stage!;
        _lastMove = _time.GetUtcNow();
        List<(long Seq, NewRow Row)> staged;
        long droppedEver;
        try
        {
            (staged, droppedEver) = stage.Read();
        }
        catch (Exception e) when (IsStorageTrouble(e))
        {
            if (!failureLogged)
            {
                Log.StageFailed(_logger, stage.Path, e);
            }

            return;
        }

        try
        {
            Use(session =>
            {
                StageMove.IntoCard(session, stage.Id, staged, droppedEver);
                return 0;
            });
            if (_failing)
            {
                Log.BacklogWritten(_logger, staged.Count);
                _failing = false;
            }
        }
        catch (Exception e) when (IsStorageTrouble(e))
        {
            Log.Unavailable(_logger, _path, staged.Count, e);
            _failing = true;
            TrimStage(stage);
            return;
        }

        try
        {
            if (staged.Count > 0)
            {
                stage.Forget(staged[^1].Seq);
            }
        }
        catch (Exception e) when (IsStorageTrouble(e))
        {
            // The card recorded how far it took them: the next move skips them.
            Log.StageFailed(_logger, stage.Path, e);
        }

        ApplySizeBound();
        _moves?.Moved();
    }

    private void TrimStage(Stage stage)
    {
        try
        {
            if (stage.Trim(_stageRowLimit) is > 0 and var dropped)
            {
                Log.StageDropped(_logger, dropped);
            }
        }
        catch (Exception e) when (IsStorageTrouble(e))
        {
            Log.StageFailed(_logger, stage.Path, e);
        }
    }

    private long StagedCount()
    {
        try
        {
            return _stage?.Count ?? 0;
        }
        catch (Exception e) when (IsStorageTrouble(e))
        {
            return 0;
        }
    }
}
