using Probe.Storage;

namespace Probe.Upload;

/// <summary>
/// One drain's pipeline (<see cref="UploadWorker"/>): batches read and not sent yet, batches sent and not settled (in
/// store order), the marks made so far.
/// </summary>
internal sealed class DrainPipeline
{
    public Queue<ReadBatch> Ready { get; } = new();

    public Queue<Sending> Window { get; } = new();

    /// <summary>One request until the store has acknowledged one: a store that refuses or is down gets a single request.</summary>
    public int Width { get; set; } = 1;

    /// <summary>The read under way, if any.</summary>
    public Task<ReadAhead>? Reading { get; set; }

    /// <summary>False once a read came back short: what arrives now waits for the next drain.</summary>
    public bool More { get; set; } = true;

    /// <summary>The marks so far, chained in store order.</summary>
    public Task Marking { get; set; } = Task.CompletedTask;

    /// <summary>Rows of the batch marked last: a read made after its mark must not hand them out again.</summary>
    public HashSet<long> LastMarked { get; set; } = [];

    /// <summary>A batch of pending rows and its body.</summary>
    public sealed record ReadBatch(List<PendingPoint> Rows, LineBatch Points);

    /// <summary>What one read gave: its batch (maybe empty), whether it was full, whether it handed out rows already marked.</summary>
    public sealed record ReadAhead(ReadBatch Batch, bool Full, bool MarksIgnored);

    /// <summary>A batch sent and the store's answer to come.</summary>
    public sealed record Sending(ReadBatch Batch, Task<SinkOutcome> Outcome);
}
