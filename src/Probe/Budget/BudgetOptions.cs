namespace Probe.Budget;

/// <summary>What the probe may put on the wire in a day; the scheduler plans its lanes within it.</summary>
public sealed class BudgetOptions
{
    public const long DefaultDailyBytes = 30_000_000;

    /// <summary>Bytes a day on the wire (checks, DNS, TLS, throughput, upload; IP and TCP headers included); 0 = no budget.</summary>
    public long DailyBytes { get; set; } = DefaultDailyBytes;
}
