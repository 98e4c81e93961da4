namespace Probe.Checks;

/// <summary>
/// Times a body as it arrives, for the throughput check: the bytes and the moments of the first and last reads. It
/// lives outside the read so that a transfer cut by the deadline or a reset still tells the rate it had reached.
/// </summary>
internal sealed class TransferMeter(TimeProvider time, int limitBytes)
{
    private long _firstAt;
    private long _firstBytes;
    private long? _endedAt;

    /// <summary>What the throughput check reads at most (Checks.ThroughputBytes).</summary>
    public int LimitBytes => limitBytes;

    public long Bytes { get; private set; }

    /// <summary>Why the transfer stopped short after the response began, when it did (the http check may still be ok).</summary>
    public string? Failure { get; set; }

    /// <summary>
    /// Goodput in kbit/s after the first read (bytes that came with the headers or in the first segment say nothing
    /// about the link), to the end of the transfer; null when too little came after it to time.
    /// </summary>
    public double? Kbps
    {
        get
        {
            var timed = Bytes - _firstBytes;
            if (Bytes == 0 || timed < MinTimedBytes)
            {
                return null;
            }

            var ms = time.GetElapsedTime(_firstAt, _endedAt ?? time.GetTimestamp()).TotalMilliseconds;

            // Bits per millisecond are kbit/s.
            return ms > 0 ? Math.Round(timed * 8 / ms, 3) : null;
        }
    }

    /// <summary>
    /// Below this many bytes after the first read no rate is reported: a body of a few segments arrives in one round
    /// trip, and its "rate" would be the latency's.
    /// </summary>
    public const int MinTimedBytes = 8 * 1024;

    public void Read(int count)
    {
        if (Bytes == 0)
        {
            _firstAt = time.GetTimestamp();
            _firstBytes = count;
        }

        Bytes += count;
    }

    /// <summary>Marks the end of the transfer (completed, at the limit, or cut): the rate is timed to here.</summary>
    public void Finish() => _endedAt ??= time.GetTimestamp();
}
