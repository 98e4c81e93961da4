using Microsoft.Extensions.Logging;
using Probe.Checks;
using Probe.Clock;
using Probe.Status;
using Probe.Storage;
using Probe.Verdicts;

namespace Probe.Hosting;

/// <summary>What happens to every batch of results: the store first, then the verdict, then a committed change to the store, the log and the LEDs.</summary>
/// <remarks>
/// Store writes are not cancelled by the daemon stopping: a batch that was measured is flushed. A failed write is
/// logged and the batch is still judged, so the LEDs stay truthful while the store is broken.
/// </remarks>
internal sealed class ResultPipeline(
    IResultStore store,
    VerdictTracker tracker,
    StatusLeds leds,
    IProbeClock clock,
    ILogger<ResultPipeline> logger)
{
    /// <summary>Returns the round's verdict (committed or not).</summary>
    public async Task<Verdict> AcceptRoundAsync(IReadOnlyList<CheckResult> results, long startedAtVersion)
    {
        await StoreAsync(results);
        var (verdict, change) = tracker.AcceptRound(results, startedAtVersion, clock.Read());
        Log.CycleDone(logger, "round", results.Count, verdict.State.ToName());
        await CommitAsync(change);
        return verdict;
    }

    /// <summary>Returns whether the sentinels changed picture.</summary>
    public async Task<bool> AcceptSentinelsAsync(IReadOnlyList<CheckResult> results)
    {
        await StoreAsync(results);
        var (verdict, change, pictureChanged) = tracker.AcceptSentinels(results, clock.Read());
        Log.CycleDone(logger, "sentinel", results.Count, verdict.State.ToName());
        if (pictureChanged)
        {
            Log.SentinelPictureChanged(logger, verdict.State.ToName());
        }

        await CommitAsync(change);
        return pictureChanged;
    }

    private async Task StoreAsync(IReadOnlyList<CheckResult> results)
    {
        if (results.Count == 0)
        {
            return;
        }

        try
        {
            await store.AppendResultsAsync(results, CancellationToken.None);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            Log.StoreWriteFailed(logger, results.Count, exception);
        }
    }

    private async Task CommitAsync(VerdictChange? change)
    {
        if (change is null)
        {
            return;
        }

        var state = change.Current.State.ToName();
        Log.VerdictCommitted(logger, state, change.Previous.ToName(), Describe(change.Current));
        try
        {
            await store.AppendVerdictAsync(change, CancellationToken.None);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            Log.VerdictStoreFailed(logger, state, exception);
        }

        // Last: a broken LED driver must not cost the record.
        leds.ShowVerdict(change.Current.State);
    }

    // Plain text, not JSON: the log line is for people, and reflection-based serialization does not survive trimming.
    private static string Describe(Verdict verdict) => verdict.Findings.Count == 0
        ? "no findings"
        : string.Join("; ", verdict.Findings.Select(f => string.Join(' ', new[]
        {
            f.State.ToName(), f.Platform, f.Resolver is null ? null : $"resolver={f.Resolver}", f.Kind, f.Failure, $"[{string.Join(", ", f.Targets)}]",
        }.Where(part => part is not null))));
}
