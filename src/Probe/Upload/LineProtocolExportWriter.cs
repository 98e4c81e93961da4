using Probe.Storage;

namespace Probe.Upload;

/// <summary>Line protocol, one point per line, exactly the bytes the sinks post.</summary>
internal sealed class LineProtocolExportWriter(Stream output) : IExportWriter
{
    private const int FlushAt = 1 << 16;

    private readonly LineBuffer _buffer = new(FlushAt * 2);

    public async Task WriteAsync(ProbePoint point, CancellationToken cancellationToken)
    {
        LineProtocol.Write(_buffer, point);
        if (_buffer.Length >= FlushAt)
        {
            await output.WriteAsync(_buffer.WrittenMemory, cancellationToken).ConfigureAwait(false);
            _buffer.Clear();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_buffer.Length > 0)
        {
            await output.WriteAsync(_buffer.WrittenMemory).ConfigureAwait(false);
        }

        _buffer.Dispose();
    }
}
