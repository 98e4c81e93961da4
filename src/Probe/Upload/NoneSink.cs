using Probe.Storage;

namespace Probe.Upload;

/// <summary>Sink.Kind = none: results stay in the local store only; nothing is ever marked delivered.</summary>
internal sealed class NoneSink : ISink
{
    public bool Enabled => false;

    public Task<SinkOutcome> WriteAsync(IReadOnlyList<ProbePoint> points, CancellationToken cancellationToken) =>
        Task.FromResult(new SinkOutcome(SinkOutcomeKind.Refused, Detail: "no sink configured (Sink.Kind = none)"));
}
