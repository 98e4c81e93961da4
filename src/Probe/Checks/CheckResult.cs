using Probe.Clock;
using Probe.Targets;

namespace Probe.Checks;

/// <summary>One measurement: a single check of one target, immutable once made.</summary>
public sealed record CheckResult
{
    public required string Target { get; init; }
    /// <summary>Null for the gateway check, which belongs to no group.</summary>
    public TargetGroup? Group { get; init; }
    public string? Platform { get; init; }
    public required CheckKind Kind { get; init; }
    public required string Host { get; init; }
    /// <summary>Resolver name for dns checks (and the resolver used by tcp/tls/http).</summary>
    public string? Resolver { get; init; }
    /// <summary>"A" or "AAAA" for dns checks.</summary>
    public string? QueryType { get; init; }
    /// <summary>The address connected to (never the probe's own).</summary>
    public string? Address { get; init; }
    public int? Port { get; init; }
    public required bool Ok { get; init; }
    public string? Failure { get; init; }
    /// <summary>Total duration in milliseconds.</summary>
    public double Ms { get; init; }
    public string? Rcode { get; init; }
    public IReadOnlyList<string> Answers { get; init; } = [];
    public int? Status { get; init; }
    public string? TlsVersion { get; init; }
    public long? Bytes { get; init; }
    /// <summary>Goodput in kbit/s after the first byte of the body, for throughput checks.</summary>
    public double? Kbps { get; init; }
    public Phases Phases { get; init; } = Phases.None;
    public Lane Lane { get; init; } = Lane.Round;
    /// <summary>The clocks when the check started.</summary>
    public required ClockReading Clock { get; init; }
}
