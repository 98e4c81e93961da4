namespace Probe.Budget;

/// <summary>The probe's own bytes on the wire since the process started (IP packets, both ways), counted at the connection seams.</summary>
/// <remarks>
/// Checks count through <see cref="MeteredSocket"/> (tcp, tls, http, throughput) and <see cref="DnsTraffic"/>; the upload
/// through its HttpClient's connect callback. The gateway check is a LAN hop and is not counted: it is not on the bill.
/// </remarks>
public sealed class TrafficMeter
{
    private long _checks;
    private long _upload;

    /// <summary>Every byte counted so far.</summary>
    public long Total => Interlocked.Read(ref _checks) + Interlocked.Read(ref _upload);

    public long Checks => Interlocked.Read(ref _checks);

    public long Upload => Interlocked.Read(ref _upload);

    public void AddChecks(long bytes) => Interlocked.Add(ref _checks, Math.Max(0, bytes));

    public void AddUpload(long bytes) => Interlocked.Add(ref _upload, Math.Max(0, bytes));
}
