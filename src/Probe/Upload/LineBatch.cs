using System.Collections;
using System.IO.Compression;
using Probe.Storage;

namespace Probe.Upload;

/// <summary>
/// A batch of points together with the body the sinks post for it: its line protocol, gzipped. Made once per batch
/// (retries resend the same bytes); the upload worker formats the next batch while the current one is in flight.
/// </summary>
#pragma warning disable CA1001 // The pooled line buffer goes back to the pool once compressed; a batch never sent leaves it to the GC.
internal sealed class LineBatch : IReadOnlyList<ProbePoint>
#pragma warning restore CA1001
{
    private readonly IReadOnlyList<ProbePoint> _points;
    private readonly Lock _compressing = new();
    private LineBuffer? _lines;
    private byte[]? _gzipped;
    private int _gzippedLength;

    private LineBatch(IReadOnlyList<ProbePoint> points)
    {
        _points = points;
        _lines = new LineBuffer(points.Count * 320);
        foreach (var point in points)
        {
            if (LineProtocol.Write(_lines, point))
            {
                Lines++;
            }
        }

        LineBytes = _lines.Length;
    }

    /// <summary>Lines in the body: points with no writable field (only NaN values, say) have none.</summary>
    public int Lines { get; }

    /// <summary>Size of the line protocol before compression.</summary>
    public int LineBytes { get; }

    /// <summary>
    /// The body, compressed on first use: by the sink as it sends, so that compressing overlaps reading the next batch.
    /// Line protocol shrinks about tenfold under gzip, which is most of the probe's traffic on a metered link; the
    /// fastest level keeps nearly all of that for a fraction of the CPU (bench/RESULTS.md, drain).
    /// </summary>
    public ReadOnlyMemory<byte> Gzipped
    {
        get
        {
            lock (_compressing)
            {
                if (_gzipped is null)
                {
                    using var lines = _lines!;
                    using var body = new MemoryStream(Math.Max(256, lines.Length / 6));
                    using (var gzip = new GZipStream(body, CompressionLevel.Fastest, leaveOpen: true))
                    {
                        gzip.Write(lines.WrittenSpan);
                    }

                    _lines = null;
                    _gzipped = body.GetBuffer();
                    _gzippedLength = (int)body.Length;
                }

                return _gzipped.AsMemory(0, _gzippedLength);
            }
        }
    }

    public int Count => _points.Count;

    public ProbePoint this[int index] => _points[index];

    /// <summary>The batch itself if it is one already, else its line protocol made now.</summary>
    public static LineBatch Of(IReadOnlyList<ProbePoint> points) => points as LineBatch ?? new LineBatch(points);

    /// <summary>The body as HTTP content: gzip-encoded UTF-8 text.</summary>
    public HttpContent ToContent()
    {
        var body = Gzipped;
        var content = new ReadOnlyMemoryContent(body);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("text/plain") { CharSet = "utf-8" };
        content.Headers.ContentEncoding.Add("gzip");
        return content;
    }

    public IEnumerator<ProbePoint> GetEnumerator() => _points.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
