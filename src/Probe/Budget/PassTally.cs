namespace Probe.Budget;

/// <summary>The bytes one pass of a lane spent (see <see cref="TrafficMeter.BeginPass"/>).</summary>
public sealed class PassTally
{
    private long _bytes;

    public long Bytes => Interlocked.Read(ref _bytes);

    internal void Add(long bytes) => Interlocked.Add(ref _bytes, bytes);
}
