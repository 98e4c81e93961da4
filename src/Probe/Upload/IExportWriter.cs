using Probe.Storage;

namespace Probe.Upload;

/// <summary>One export format, writing points as they stream out of the store.</summary>
internal interface IExportWriter : IAsyncDisposable
{
    Task WriteAsync(ProbePoint point, CancellationToken cancellationToken);
}
