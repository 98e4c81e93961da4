using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Probe.Configuration;
using Probe.Storage;

namespace Probe.Upload;

/// <summary>
/// Drains the local store into the sink in the store's order, marking delivered only what the sink acknowledged, and
/// says where the upload stands (<see cref="State"/>): each drain goes from <see cref="UploadState.Draining"/> to the
/// state its result calls for (<see cref="StateAfter"/>).
/// </summary>
public sealed partial class UploadWorker
{
    /// <summary>Rejected points kept (not set aside) before the store has accepted anything: beyond this, it is not the data.</summary>
    internal const int MaxUnprovenSuspects = 8;

    /// <summary>
    /// Batches in flight at once, once the store has acknowledged one: the next batch goes out as soon as it is read,
    /// beside the one in flight, which hides most of a slow link's round trips (bench/RESULTS.md, drain).
    /// </summary>
    private const int MaxInFlight = 2;

    private readonly IResultStore _store;
    private readonly ISink _sink;
    private readonly ILogger<UploadWorker> _logger;
    private readonly int _batchSize;

    private volatile bool _storeAcceptedData;

    // Points the store rejected one by one since it last accepted any, across drains (DrainResult.RejectedInARow).
    private long _rejectedInARow;
    private volatile UploadState _state = UploadState.Idle;

    public UploadWorker(IResultStore store, ISink sink, IOptions<ProbeOptions> options, ILogger<UploadWorker> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _store = store;
        _sink = sink;
        _logger = logger;
        _batchSize = Math.Max(1, options.Value.Sink.BatchSize);
    }

    /// <summary>Where the upload stands: <see cref="UploadState.Draining"/> during a drain, else what the last one ended in.</summary>
    public UploadState State => _state;

    /// <summary>The state a drain's result leaves the upload in; a drain that threw leaves it <see cref="UploadState.BackingOff"/>.</summary>
    public static UploadState StateAfter(DrainResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result.StoppedBy?.Kind switch
        {
            SinkOutcomeKind.Refused or SinkOutcomeKind.Rejected => UploadState.Refused,
            SinkOutcomeKind.Unavailable => UploadState.BackingOff,
            _ => result.Left > 0 ? UploadState.WaitingForClock : UploadState.Idle,
        };
    }

    /// <summary>Sends batches until the queue is empty or the sink stops the drain (refused, unavailable).</summary>
    public async Task<DrainResult> DrainOnceAsync(CancellationToken cancellationToken)
    {
        _state = UploadState.Draining;
        try
        {
            var result = await DrainAsync(cancellationToken).ConfigureAwait(false);
            _state = StateAfter(result);
            return result;
        }
        catch
        {
            _state = UploadState.BackingOff;
            throw;
        }
    }

    private async Task<DrainResult> DrainAsync(CancellationToken cancellationToken)
    {
        if (!_sink.Enabled)
        {
            var pending = (await _store.GetStatusAsync(cancellationToken).ConfigureAwait(false)).PendingRows;
            return new DrainResult(0, 0, pending, new SinkOutcome(SinkOutcomeKind.Refused, Detail: "no sink configured"));
        }

        var tally = new Tally();
        var drain = new Drain(this, tally, cancellationToken);
        SinkOutcome? stoppedBy = null;
        drain.Start();
        try
        {
            while (stoppedBy is null && await drain.NextToSettleAsync().ConfigureAwait(false) is { } head)
            {
                var outcome = await head.Outcome.ConfigureAwait(false);
                if (outcome.Kind == SinkOutcomeKind.Delivered)
                {
                    Accepted();
                    drain.Acknowledged(head);
                }
                else
                {
                    await drain.MarksDone.ConfigureAwait(false);
                    stoppedBy = await ActOnAsync(outcome, head.Batch.Rows, tally, cancellationToken).ConfigureAwait(false);
                    stoppedBy = await SettleSuspectsAsync(tally, cancellationToken).ConfigureAwait(false) ?? stoppedBy;
                }
            }

            await drain.SettleLaterBatchesAsync().ConfigureAwait(false);
        }
        finally
        {
            await drain.QuiesceAsync().ConfigureAwait(false);
        }

        var left = (await _store.GetStatusAsync(cancellationToken).ConfigureAwait(false)).PendingRows;
        ReportStop(stoppedBy);
        if (tally.Sent + tally.SetAside > 0 || stoppedBy is not null)
        {
            Log.DrainCompleted(_logger, tally.Sent, tally.SetAside, left);
        }
        else
        {
            // The daemon drains every few seconds: an idle drain is not worth a line on the SD card.
            Log.DrainIdle(_logger, left);
        }
        return new DrainResult(tally.Sent, tally.SetAside, left, stoppedBy, Interlocked.Read(ref _rejectedInARow));
    }

    // The store took a batch: it accepts our data, and the run of rejected points ends.
    private void Accepted()
    {
        _storeAcceptedData = true;
        Interlocked.Exchange(ref _rejectedInARow, 0);
    }

    // The drain's one read of the store: first the clock release (rows that may wait no longer for a synced clock are
    // frozen as they are), then up to a batch of pending rows, leaving out those in flight. The read itself changes nothing.
    private async Task<List<PendingPoint>> ReadBatchAsync(HashSet<long> inFlight, CancellationToken cancellationToken)
    {
        await _store.ReleaseUnsyncedAsync(_batchSize, cancellationToken).ConfigureAwait(false);
        return (await _store.ReadPendingAsync(_batchSize, inFlight, cancellationToken).ConfigureAwait(false)).ToList();
    }

    private async Task MarkDeliveredAsync(List<PendingPoint> batch, Tally tally, CancellationToken cancellationToken)
    {
        await _store.MarkDeliveredAsync(batch.Select(p => p.Id).ToList(), cancellationToken).ConfigureAwait(false);
        tally.Sent += batch.Count;
    }

    private async Task<SinkOutcome?> DeliverAsync(List<PendingPoint> batch, Tally tally, CancellationToken cancellationToken)
    {
        var outcome = await _sink.WriteAsync(batch.Select(p => p.Point).ToList(), cancellationToken).ConfigureAwait(false);
        return await ActOnAsync(outcome, batch, tally, cancellationToken).ConfigureAwait(false);
    }

    // Binary split of a rejected batch: halves that pass are delivered, a single rejected point is poison,
    // but only once the store has shown it accepts good data: a store that rejects everything is misconfigured.
    private async Task<SinkOutcome?> ActOnAsync(SinkOutcome outcome, List<PendingPoint> batch, Tally tally, CancellationToken cancellationToken)
    {
        switch (outcome.Kind)
        {
            case SinkOutcomeKind.Delivered:
                await MarkDeliveredAsync(batch, tally, cancellationToken).ConfigureAwait(false);
                Accepted();
                return null;
            case SinkOutcomeKind.Rejected when batch.Count == 1:
                Interlocked.Increment(ref _rejectedInARow);
                tally.Suspects.Add((batch[0].Id, $"rejected by the store: {outcome.StatusCode} {outcome.Detail}".Trim()));
                tally.Rejection = outcome;
                // Without proof that the store takes anything, a few rejected points are enough to stop splitting.
                return !_storeAcceptedData && tally.Suspects.Count > MaxUnprovenSuspects ? outcome : null;
            case SinkOutcomeKind.Rejected:
                var half = batch.Count / 2;
                return await DeliverAsync(batch.Take(half).ToList(), tally, cancellationToken).ConfigureAwait(false)
                    ?? await DeliverAsync(batch.Skip(half).ToList(), tally, cancellationToken).ConfigureAwait(false);
            default:
                return outcome;
        }
    }

    // Sets the batch's rejected points aside if the store accepts other data; otherwise keeps them and stops the drain.
    private async Task<SinkOutcome?> SettleSuspectsAsync(Tally tally, CancellationToken cancellationToken)
    {
        if (tally.Suspects.Count == 0)
        {
            return null;
        }

        if (!_storeAcceptedData)
        {
            Log.EverythingRejected(_logger, tally.Suspects.Count, tally.Rejection?.StatusCode, tally.Rejection?.Detail);
            tally.Suspects.Clear();
            return tally.Rejection;
        }

        foreach (var (id, reason) in tally.Suspects)
        {
            await _store.SetAsideAsync([id], reason, cancellationToken).ConfigureAwait(false);
            tally.SetAside++;
            Log.PointSetAside(_logger, id, reason);
        }

        tally.Suspects.Clear();
        return null;
    }

    private void ReportStop(SinkOutcome? stoppedBy)
    {
        if (stoppedBy?.Kind == SinkOutcomeKind.Refused)
        {
            Log.SinkRefused(_logger, stoppedBy.StatusCode, stoppedBy.Detail);
        }
        else if (stoppedBy?.Kind == SinkOutcomeKind.Unavailable)
        {
            Log.SinkUnavailable(_logger, stoppedBy.StatusCode, stoppedBy.Detail);
        }
    }

    private sealed class Tally
    {
        public long Sent { get; set; }

        public long SetAside { get; set; }

        public List<(long Id, string Reason)> Suspects { get; } = [];

        public SinkOutcome? Rejection { get; set; }
    }
}
