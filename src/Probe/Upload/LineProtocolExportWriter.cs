using System.Text;
using Probe.Storage;

namespace Probe.Upload;

/// <summary>Line protocol, one point per line, exactly what the influx1 sink posts.</summary>
internal sealed class LineProtocolExportWriter(Stream output) : IExportWriter
{
    private readonly StreamWriter _writer = new(output, new UTF8Encoding(false), 1 << 16, leaveOpen: true) { NewLine = "\n" };

    public async Task WriteAsync(ProbePoint point, CancellationToken cancellationToken)
    {
        var line = LineProtocol.Format(point);
        if (line.Length > 0)
        {
            await _writer.WriteLineAsync(line.AsMemory(), cancellationToken).ConfigureAwait(false);
        }
    }

    public ValueTask DisposeAsync() => _writer.DisposeAsync();
}
