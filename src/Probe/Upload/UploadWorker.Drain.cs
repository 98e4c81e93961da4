using Probe.Storage;

namespace Probe.Upload;

public sealed partial class UploadWorker
{
    /// <summary>How many requests a drain keeps in flight.</summary>
    private enum Pace
    {
        /// <summary>One request until the store has acknowledged one: a store that refuses or is down gets a single request.</summary>
        OneRequest,

        /// <summary>Once the store has acknowledged a batch: the next goes out beside the one in flight (<see cref="MaxInFlight"/>).</summary>
        Pipelined,
    }

    /// <summary>
    /// One drain's pipeline: batches read and not sent yet, batches sent and not settled (in store order), the marks made
    /// so far. Its state is private; <see cref="DrainAsync"/> moves it only through the methods below.
    /// </summary>
    private sealed class Drain(UploadWorker worker, Tally tally, CancellationToken cancellationToken)
    {
        private readonly Queue<ReadBatch> _ready = new();
        private readonly Queue<Sending> _window = new();
        private Pace _pace = Pace.OneRequest;
        private Task<ReadAhead>? _reading;
        private bool _dry;
        private Task _marking = Task.CompletedTask;
        private HashSet<long> _lastMarked = [];

        private int Width => _pace == Pace.Pipelined ? MaxInFlight : 1;

        /// <summary>Starts the first read.</summary>
        public void Start() => _reading = ReadAheadAsync(_marking, [], []);

        /// <summary>The store acknowledged the oldest batch in flight: pipeline from now on and mark it after the marks before it.</summary>
        public void Acknowledged(Sending head)
        {
            _pace = Pace.Pipelined;
            _lastMarked = head.Batch.Rows.Select(r => r.Id).ToHashSet();
            _marking = MarkAfterAsync(_marking, head.Batch.Rows);
        }

        /// <summary>The marks so far, all done: before acting on a failed batch, or at the end.</summary>
        public Task MarksDone => _marking;

        // Stopped with a later batch in flight: what the store acknowledged is marked all the same (out of the
        // watermark's order), so that a metered link never pays for it twice.
        public async Task SettleLaterBatchesAsync()
        {
            while (_window.TryDequeue(out var later))
            {
                if ((await later.Outcome.ConfigureAwait(false)).Kind == SinkOutcomeKind.Delivered)
                {
                    worker.Accepted();
                    _marking = MarkAfterAsync(_marking, later.Batch.Rows);
                }
            }

            await _marking.ConfigureAwait(false);
        }

        // Never left running: batches read ahead but not sent stay pending in the store, as they should.
        public async Task QuiesceAsync()
        {
            await _marking.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            foreach (var sending in _window)
            {
                await ((Task)sending.Outcome).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }

            if (_reading is { } reading)
            {
                await ((Task)reading).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }

        // Sends what has been read while the window has room, starts the next read once at most one batch is unsettled,
        // and returns the oldest batch in flight once its outcome is in (null: nothing left to send).
        // Outcomes are settled in store order, so marks move the delivery watermark over contiguous rows.
        public async Task<Sending?> NextToSettleAsync()
        {
            while (true)
            {
                if (_reading is { } reading && (reading.IsCompleted || (_window.Count == 0 && _ready.Count == 0)))
                {
                    _reading = null;
                    var read = await reading.ConfigureAwait(false);
                    // A row whose mark was done before the read, handed out again: the store did not take our marks.
                    _dry = !read.Full || read.MarksIgnored;
                    if (read.Batch.Rows.Count > 0 && !read.MarksIgnored)
                    {
                        _ready.Enqueue(read.Batch);
                    }
                }

                while (_ready.Count > 0 && _window.Count < Width)
                {
                    var batch = _ready.Dequeue();
                    _window.Enqueue(new Sending(batch, worker._sink.WriteAsync(batch.Points, cancellationToken)));
                }

                // Read once the batches before the last one handed out are settled: the read waits for their marks and
                // leaves out the one still in flight (the store starts above it rather than stepping over its rows).
                // A short read emptied the queue: what arrives now waits for the next drain.
                if (_reading is null && !_dry && _ready.Count == 0 && _window.Count <= 1)
                {
                    var inFlight = _window.SelectMany(s => s.Batch.Rows).Select(r => r.Id).ToHashSet();
                    _reading = ReadAheadAsync(_marking, inFlight, _lastMarked);
                }

                if (!_window.TryPeek(out var head))
                {
                    if (_reading is null)
                    {
                        return null;
                    }

                    continue;
                }

                // What is being read goes out as soon as it is there, beside the request in flight.
                if (_reading is { } pending && _ready.Count == 0 && _window.Count < Width && !head.Outcome.IsCompleted)
                {
                    await Task.WhenAny(head.Outcome, pending).ConfigureAwait(false);
                    if (!head.Outcome.IsCompleted)
                    {
                        continue;
                    }
                }

                await ((Task)head.Outcome).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                return _window.Dequeue();
            }
        }

        // Up to one batch of pending rows, read once the marks before it are done (so only the rows in flight need leaving
        // out) and formatted here, on a pool thread, so that reading and formatting overlap the request in flight.
        private Task<ReadAhead> ReadAheadAsync(Task marking, HashSet<long> inFlight, HashSet<long> marked) =>
            Task.Run(
                async () =>
                {
                    await marking.ConfigureAwait(false);
                    var rows = await worker.ReadBatchAsync(inFlight, cancellationToken).ConfigureAwait(false);
                    var batch = new ReadBatch(rows, LineBatch.Of(rows.Select(r => r.Point).ToList()));
                    return new ReadAhead(batch, rows.Count == worker._batchSize, rows.Any(r => marked.Contains(r.Id)));
                },
                cancellationToken);

        private async Task MarkAfterAsync(Task before, List<PendingPoint> batch)
        {
            await before.ConfigureAwait(false);
            await worker.MarkDeliveredAsync(batch, tally, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>A batch of pending rows and its body.</summary>
    private sealed record ReadBatch(List<PendingPoint> Rows, LineBatch Points);

    /// <summary>What one read gave: its batch (maybe empty), whether it was full, whether it handed out rows already marked.</summary>
    private sealed record ReadAhead(ReadBatch Batch, bool Full, bool MarksIgnored);

    /// <summary>A batch sent and the store's answer to come.</summary>
    private sealed record Sending(ReadBatch Batch, Task<SinkOutcome> Outcome);
}
