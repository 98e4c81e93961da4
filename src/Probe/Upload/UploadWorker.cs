using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Probe.Configuration;
using Probe.Storage;

namespace Probe.Upload;

/// <summary>Drains the local store into the sink in the store's order, marking delivered only what the sink acknowledged.</summary>
public sealed class UploadWorker
{
    /// <summary>Rejected points kept (not set aside) before the store has accepted anything: beyond this, it is not the data.</summary>
    private const int MaxUnprovenSuspects = 8;

    private readonly IResultStore _store;
    private readonly ISink _sink;
    private readonly ILogger<UploadWorker> _logger;
    private readonly int _batchSize;

    private volatile bool _storeAcceptedData;

    public UploadWorker(IResultStore store, ISink sink, IOptions<ProbeOptions> options, ILogger<UploadWorker> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _store = store;
        _sink = sink;
        _logger = logger;
        _batchSize = Math.Max(1, options.Value.Sink.BatchSize);
    }

    /// <summary>Sends batches until the queue is empty or the sink stops the drain (refused, unavailable).</summary>
    public async Task<DrainResult> DrainOnceAsync(CancellationToken cancellationToken)
    {
        if (!_sink.Enabled)
        {
            var pending = (await _store.GetStatusAsync(cancellationToken).ConfigureAwait(false)).PendingRows;
            return new DrainResult(0, 0, pending, new SinkOutcome(SinkOutcomeKind.Refused, Detail: "no sink configured"));
        }

        var tally = new Tally();
        SinkOutcome? stoppedBy = null;
        HashSet<long> settled = [];
        HashSet<long> previous = [];
        var marking = Task.CompletedTask;
        var next = ReadAheadAsync(marking, [], cancellationToken);
        try
        {
            while (stoppedBy is null)
            {
                var batch = await next.ConfigureAwait(false);
                // A row settled two batches ago (its marks are done by now) handed out again means the store did not
                // take our marks: stop rather than resend forever.
                if (batch.Rows.Count == 0 || batch.Rows.Any(r => settled.Contains(r.Id)))
                {
                    break;
                }

                // Pipelined: while this batch is in flight, the previous one is marked delivered and then the next one
                // is read and formatted. The read leaves this batch's rows out (not marked yet); nothing is sent before
                // the batch ahead of it was acknowledged, and nothing is marked that the sink did not acknowledge.
                // A short batch emptied the queue: what arrives now waits for the next drain, as it did before.
                var inFlight = batch.Rows.Select(r => r.Id).ToHashSet();
                next = batch.Rows.Count < _batchSize ? Task.FromResult(NoBatch) : ReadAheadAsync(marking, inFlight, cancellationToken);
                var outcome = await _sink.WriteAsync(batch.Points, cancellationToken).ConfigureAwait(false);
                await marking.ConfigureAwait(false);
                if (outcome.Kind == SinkOutcomeKind.Delivered)
                {
                    _storeAcceptedData = true;
                    marking = MarkDeliveredAsync(batch.Rows, tally, cancellationToken);
                }
                else
                {
                    stoppedBy = await ActOnAsync(outcome, batch.Rows, tally, cancellationToken).ConfigureAwait(false);
                    stoppedBy = await SettleSuspectsAsync(tally, cancellationToken).ConfigureAwait(false) ?? stoppedBy;
                }

                settled = previous;
                previous = inFlight;
            }

            await marking.ConfigureAwait(false);
        }
        finally
        {
            // Never left running: a batch read ahead but not sent stays pending in the store, as it should.
            await marking.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            await ((Task)next).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
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
        return new DrainResult(tally.Sent, tally.SetAside, left, stoppedBy);
    }

    // Up to one batch of pending rows, read once the marks before it are done (so only the rows in flight need leaving
    // out) and formatted here, on a pool thread, so that reading and formatting overlap the request in flight.
    private Task<ReadBatch> ReadAheadAsync(Task marking, HashSet<long> inFlight, CancellationToken cancellationToken) =>
        Task.Run(
            async () =>
            {
                await marking.ConfigureAwait(false);
                var rows = (await _store.ReadPendingAsync(_batchSize, inFlight, cancellationToken).ConfigureAwait(false)).ToList();
                return new ReadBatch(rows, LineBatch.Of(rows.Select(r => r.Point).ToList()));
            },
            cancellationToken);

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
                _storeAcceptedData = true;
                return null;
            case SinkOutcomeKind.Rejected when batch.Count == 1:
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

    private static readonly ReadBatch NoBatch = new([], LineBatch.Of([]));

    private sealed record ReadBatch(List<PendingPoint> Rows, LineBatch Points);

    private sealed class Tally
    {
        public long Sent { get; set; }

        public long SetAside { get; set; }

        public List<(long Id, string Reason)> Suspects { get; } = [];

        public SinkOutcome? Rejection { get; set; }
    }
}
