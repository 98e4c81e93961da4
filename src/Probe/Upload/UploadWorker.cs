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
        var drain = new DrainPipeline();
        SinkOutcome? stoppedBy = null;
        drain.Reading = ReadAheadAsync(drain.Marking, [], [], cancellationToken);
        try
        {
            while (stoppedBy is null && await NextToSettleAsync(drain, cancellationToken).ConfigureAwait(false) is { } head)
            {
                var outcome = await head.Outcome.ConfigureAwait(false);
                if (outcome.Kind == SinkOutcomeKind.Delivered)
                {
                    _storeAcceptedData = true;
                    drain.Width = MaxInFlight;
                    drain.LastMarked = head.Batch.Rows.Select(r => r.Id).ToHashSet();
                    drain.Marking = MarkDeliveredAfterAsync(drain.Marking, head.Batch.Rows, tally, cancellationToken);
                }
                else
                {
                    await drain.Marking.ConfigureAwait(false);
                    stoppedBy = await ActOnAsync(outcome, head.Batch.Rows, tally, cancellationToken).ConfigureAwait(false);
                    stoppedBy = await SettleSuspectsAsync(tally, cancellationToken).ConfigureAwait(false) ?? stoppedBy;
                }
            }

            // Stopped with a later batch in flight: what the store acknowledged is marked all the same (out of the
            // watermark's order), so that a metered link never pays for it twice.
            while (drain.Window.TryDequeue(out var later))
            {
                if ((await later.Outcome.ConfigureAwait(false)).Kind == SinkOutcomeKind.Delivered)
                {
                    drain.Marking = MarkDeliveredAfterAsync(drain.Marking, later.Batch.Rows, tally, cancellationToken);
                }
            }

            await drain.Marking.ConfigureAwait(false);
        }
        finally
        {
            // Never left running: batches read ahead but not sent stay pending in the store, as they should.
            await drain.Marking.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            foreach (var sending in drain.Window)
            {
                await ((Task)sending.Outcome).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }

            if (drain.Reading is { } reading)
            {
                await ((Task)reading).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
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

    // Sends what has been read while the window has room, starts the next read once at most one batch is unsettled,
    // and returns the oldest batch in flight once its outcome is in (null: nothing left to send).
    // Outcomes are settled in store order, so marks move the delivery watermark over contiguous rows.
    private async Task<DrainPipeline.Sending?> NextToSettleAsync(DrainPipeline drain, CancellationToken cancellationToken)
    {
        while (true)
        {
            if (drain.Reading is { } reading && (reading.IsCompleted || (drain.Window.Count == 0 && drain.Ready.Count == 0)))
            {
                drain.Reading = null;
                var read = await reading.ConfigureAwait(false);
                // A row whose mark was done before the read, handed out again: the store did not take our marks.
                drain.More = read.Full && !read.MarksIgnored;
                if (read.Batch.Rows.Count > 0 && !read.MarksIgnored)
                {
                    drain.Ready.Enqueue(read.Batch);
                }
            }

            while (drain.Ready.Count > 0 && drain.Window.Count < drain.Width)
            {
                var batch = drain.Ready.Dequeue();
                drain.Window.Enqueue(new DrainPipeline.Sending(batch, _sink.WriteAsync(batch.Points, cancellationToken)));
            }

            // Read once the batches before the last one handed out are settled: the read waits for their marks and
            // leaves out the one still in flight (the store starts above it rather than stepping over its rows).
            // A short read emptied the queue: what arrives now waits for the next drain.
            if (drain.Reading is null && drain.More && drain.Ready.Count == 0 && drain.Window.Count <= 1)
            {
                var inFlight = drain.Window.SelectMany(s => s.Batch.Rows).Select(r => r.Id).ToHashSet();
                drain.Reading = ReadAheadAsync(drain.Marking, inFlight, drain.LastMarked, cancellationToken);
            }

            if (!drain.Window.TryPeek(out var head))
            {
                if (drain.Reading is null)
                {
                    return null;
                }

                continue;
            }

            // What is being read goes out as soon as it is there, beside the request in flight.
            if (drain.Reading is { } pending && drain.Ready.Count == 0 && drain.Window.Count < drain.Width && !head.Outcome.IsCompleted)
            {
                await Task.WhenAny(head.Outcome, pending).ConfigureAwait(false);
                if (!head.Outcome.IsCompleted)
                {
                    continue;
                }
            }

            await ((Task)head.Outcome).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            return drain.Window.Dequeue();
        }
    }

    // Up to one batch of pending rows, read once the marks before it are done (so only the rows in flight need leaving
    // out) and formatted here, on a pool thread, so that reading and formatting overlap the request in flight.
    private Task<DrainPipeline.ReadAhead> ReadAheadAsync(Task marking, HashSet<long> inFlight, HashSet<long> marked, CancellationToken cancellationToken) =>
        Task.Run(
            async () =>
            {
                await marking.ConfigureAwait(false);
                await _store.ReleaseUnsyncedAsync(_batchSize, cancellationToken).ConfigureAwait(false);
                var rows = (await _store.ReadPendingAsync(_batchSize, inFlight, cancellationToken).ConfigureAwait(false)).ToList();
                var batch = new DrainPipeline.ReadBatch(rows, LineBatch.Of(rows.Select(r => r.Point).ToList()));
                return new DrainPipeline.ReadAhead(batch, rows.Count == _batchSize, rows.Any(r => marked.Contains(r.Id)));
            },
            cancellationToken);

    private async Task MarkDeliveredAfterAsync(Task before, List<PendingPoint> batch, Tally tally, CancellationToken cancellationToken)
    {
        await before.ConfigureAwait(false);
        await MarkDeliveredAsync(batch, tally, cancellationToken).ConfigureAwait(false);
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

    private sealed class Tally
    {
        public long Sent { get; set; }

        public long SetAside { get; set; }

        public List<(long Id, string Reason)> Suspects { get; } = [];

        public SinkOutcome? Rejection { get; set; }
    }
}
