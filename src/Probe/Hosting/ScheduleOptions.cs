namespace Probe.Hosting;

/// <summary>How often the probe measures.</summary>
public sealed class ScheduleOptions
{
    public TimeSpan SentinelInterval { get; set; } = TimeSpan.FromSeconds(10);
    public TimeSpan RoundInterval { get; set; } = TimeSpan.FromMinutes(5);
    /// <summary>On a budget, how often the platforms are watched (dns, tcp, resumed TLS): a block is committed within it plus one
    /// confirmation, so 9 minutes keeps the 10-minute promise; shorter costs more of the budget. No watch without a budget.</summary>
    public TimeSpan WatchInterval { get; set; } = TimeSpan.FromMinutes(9);
    /// <summary>Fraction of the interval by which each start is randomly moved (0 to 0.5).</summary>
    public double Jitter { get; set; } = 0.1;
    public int MaxConcurrency { get; set; } = 8;
    public int ConfirmRounds { get; set; } = 2;
    /// <summary>How often a round is a throughput pass (extra passes after anomalies are at least a sixth of it apart).</summary>
    public TimeSpan ThroughputInterval { get; set; } = TimeSpan.FromHours(6);
}
