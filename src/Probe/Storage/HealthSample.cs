using Probe.Clock;

namespace Probe.Storage;

/// <summary>The daemon's own health, stored every minute as a <c>probe_health</c> point.</summary>
public sealed record HealthSample(
    ClockReading Clock,
    long BufferRows,
    long BufferBytes,
    long DroppedTotal,
    double UploadLagSeconds,
    long RssBytes,
    double CpuSeconds,
    double UptimeSeconds,
    long? TrafficBytesTotal = null,
    long? DiskWriteBytesTotal = null);
