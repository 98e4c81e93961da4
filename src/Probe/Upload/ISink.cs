using Probe.Storage;

namespace Probe.Upload;

/// <summary>The analysts' time-series store as the upload sees it: a batch in, one classified outcome out.</summary>
public interface ISink
{
    /// <summary>False for the <c>none</c> sink: nothing is sent and nothing is marked delivered.</summary>
    bool Enabled { get; }

    /// <summary>Writes one batch; never throws for a store or network failure, only for cancellation.</summary>
    Task<SinkOutcome> WriteAsync(IReadOnlyList<ProbePoint> points, CancellationToken cancellationToken);
}
