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

    /// <summary>Source of jitter; a seeded one in tests.</summary>
    public Random Random { get; init; } = Random.Shared;

    public static DaemonTimings Default { get; } = new();

    /// <summary>How long a cycle that is in flight at stop may go on so that its results reach the store.</summary>
    public static TimeSpan Drain(ProbeOptions options) =>
        TimeSpan.FromTicks(Math.Min(options.Checks.Timeout.Ticks + TimeSpan.TicksPerSecond, TimeSpan.FromSeconds(20).Ticks));

    /// <summary>A generous bound on one cycle of <paramref name="checks"/> checks: every slot of the concurrency running into the deadline, plus two.</summary>
    public static TimeSpan CycleBudget(ProbeOptions options, int checks)
    {
        var waves = (int)Math.Ceiling(Math.Max(1, checks) / (double)Math.Max(1, options.Schedule.MaxConcurrency));
        return options.Checks.Timeout * (waves + 2);
    }

    /// <summary>Checks a full round makes per target: a lookup per resolver and query type, a connect per port, tls and http.</summary>
    public static int RoundChecks(ProbeOptions options, int targets, int ports) =>
        1 + (targets * ((Math.Max(1, options.Resolvers.Count) * 2) + 2)) + ports;
}
