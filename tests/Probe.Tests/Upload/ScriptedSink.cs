using Probe.Storage;
using Probe.Upload;

namespace Probe.Tests.Upload;

/// <summary>A sink whose answers a test scripts; records every batch it was given.</summary>
internal sealed class ScriptedSink(Func<IReadOnlyList<ProbePoint>, SinkOutcome> answer, bool enabled = true) : ISink
{
    private readonly List<IReadOnlyList<ProbePoint>> _batches = [];

    public bool Enabled => enabled;

    public IReadOnlyList<IReadOnlyList<ProbePoint>> Batches { get { lock (_batches) { return _batches.ToList(); } } }

    public Task<SinkOutcome> WriteAsync(IReadOnlyList<ProbePoint> points, CancellationToken cancellationToken)
    {
        lock (_batches)
        {
            _batches.Add(points);
        }

        return Task.FromResult(answer(points));
    }
}
