using System.Threading.Channels;
using Probe.Storage;
using Probe.Upload;

namespace Probe.Tests.Upload;

/// <summary>A sink whose writes stay in flight until the test answers them: how a test sees which batches are sent at once.</summary>
internal sealed class GatedSink : ISink
{
    private readonly Channel<Write> _writes = Channel.CreateUnbounded<Write>();
    private readonly Lock _gate = new();
    private int _inFlight;
    private int _maxInFlight;

    public bool Enabled => true;

    /// <summary>Writes sent and not answered yet.</summary>
    public int InFlight { get { lock (_gate) { return _inFlight; } } }

    public int MaxInFlight { get { lock (_gate) { return _maxInFlight; } } }

    public async Task<SinkOutcome> WriteAsync(IReadOnlyList<ProbePoint> points, CancellationToken cancellationToken)
    {
        var write = new Write(points);
        lock (_gate)
        {
            _inFlight++;
            _maxInFlight = Math.Max(_maxInFlight, _inFlight);
        }

        _writes.Writer.TryWrite(write);
        var outcome = await write.Answer.Task.WaitAsync(cancellationToken);
        lock (_gate)
        {
            _inFlight--;
        }

        return outcome;
    }

    /// <summary>The next write the worker sends (in the order sent), waited for up to 10 s.</summary>
    public async Task<Write> NextAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        return await _writes.Reader.ReadAsync(timeout.Token);
    }

    /// <summary>One write in flight: its batch, answered by the test.</summary>
    public sealed class Write(IReadOnlyList<ProbePoint> points)
    {
        public IReadOnlyList<ProbePoint> Points { get; } = points;

        public TaskCompletionSource<SinkOutcome> Answer { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Complete(SinkOutcome outcome) => Answer.SetResult(outcome);
    }
}
