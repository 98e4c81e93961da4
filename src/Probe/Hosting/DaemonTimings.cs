using Probe.Configuration;

namespace Probe.Hosting;

/// <summary>The daemon's own rhythms that are not user settings, and the budgets derived from the schedule.</summary>
internal sealed record DaemonTimings
{
    /// <summary>How often the power LED and the systemd watchdog are served.</summary>
    public TimeSpan LivenessInterval { get; init; } = TimeSpan.FromSeconds(5);

    public TimeSpan HealthInterval { get; init; } = TimeSpan.FromMinutes(1);

    public TimeSpan UploadLedInterval { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>How long past its promise a loop may be late before it counts as hung.</summary>
    public TimeSpan StallGrace { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Longest wait for the store's figures before the upload LED shows a store error.</summary>
    public TimeSpan StoreStatusTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How often the day's account is saved (and at stop): rare, for the SD card.</summary>
    public TimeSpan AccountSaveInterval { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>Extra rounds anomalies may ask for at once, and how long until one more is allowed.</summary>
    public int EscalationCapacity { get; init; } = 3;

    public TimeSpan EscalationRefill { get; init; } = TimeSpan.FromMinutes(20);

    /// <summary>Source of jitter; a seeded one in tests.</summary>
    public Random Random { get; init; } = Random.Shared;

    public static DaemonTimings Default { get; } = new();

    /// <summary>How long a cycle in flight at stop may go on so that its results reach the store: the host's shutdown timeout less a margin for the write.</summary>
    /// <remarks>The checker throws when cancelled, so what a cycle has not finished by then is lost.</remarks>
    public static TimeSpan Drain(TimeSpan shutdownTimeout) =>
        shutdownTimeout - TimeSpan.FromSeconds(5) > TimeSpan.FromSeconds(1) ? shutdownTimeout - TimeSpan.FromSeconds(5) : TimeSpan.FromSeconds(1);

    /// <summary>A bound on a round: the gateway, then up to four steps (dns, tcp, tls, http) per wave of MaxConcurrency targets, each within Checks.Timeout, plus one for slack.</summary>
    public static TimeSpan RoundBudget(ProbeOptions options, int targets) =>
        options.Checks.Timeout * (2 + (4 * Waves(options, targets)));

    /// <summary>A bound on a sentinel pass: the gateway, then a lookup and a connect per wave, plus one for slack.</summary>
    public static TimeSpan SentinelBudget(ProbeOptions options, int sentinels) =>
        options.Checks.Timeout * (2 + (2 * Waves(options, sentinels)));

    private static int Waves(ProbeOptions options, int targets) =>
        (int)Math.Ceiling(Math.Max(1, targets) / (double)Math.Max(1, options.Schedule.MaxConcurrency));
}
