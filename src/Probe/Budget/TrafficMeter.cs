namespace Probe.Budget;

/// <summary>The probe's own bytes on the wire since the process started (IP packets, both ways), counted at the connection seams.</summary>
/// <remarks>
/// Checks count through <see cref="MeteredSocket"/> (tcp, tls, http, throughput) and <see cref="DnsTraffic"/>; the upload
/// through its HttpClient's connect callback. The gateway check is a LAN hop and is not counted: it is not on the bill.
/// A lane that wants to know what one pass cost opens a <see cref="PassTally"/>; it follows the pass's async flow, and a
/// socket adds to the tally that was open when it was created, wherever it is closed.
/// </remarks>
public sealed class TrafficMeter
{
    private static readonly AsyncLocal<PassTally?> OpenTally = new();
    private long _checks;
    private long _upload;

    /// <summary>Every byte counted so far.</summary>
    public long Total => Interlocked.Read(ref _checks) + Interlocked.Read(ref _upload);

    public long Checks => Interlocked.Read(ref _checks);

    public long Upload => Interlocked.Read(ref _upload);

    public void AddChecks(long bytes) => AddChecks(bytes, OpenTally.Value);

    public void AddUpload(long bytes) => Interlocked.Add(ref _upload, Math.Max(0, bytes));

    /// <summary>Where a connection opened now counts its bytes when it closes: the checks, and the pass open now.</summary>
    public Action<long> ForChecks()
    {
        var tally = OpenTally.Value;
        return bytes => AddChecks(bytes, tally);
    }

    /// <summary>Counts what the checks run from here on in this async flow spend, until the caller's method returns.</summary>
    public static PassTally BeginPass()
    {
        var tally = new PassTally();
        OpenTally.Value = tally;
        return tally;
    }

    private void AddChecks(long bytes, PassTally? tally)
    {
        var positive = Math.Max(0, bytes);
        Interlocked.Add(ref _checks, positive);
        tally?.Add(positive);
    }
}
