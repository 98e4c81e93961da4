using Probe.Checks;
using Probe.Targets;

namespace Probe.Verdicts;

/// <summary>What one round (or sentinel pass) says about one target.</summary>
/// <param name="Name">The target.</param>
/// <param name="Group">Its group.</param>
/// <param name="Platform">Its platform, for platform targets.</param>
/// <param name="Reachable">Whether its deepest check succeeded.</param>
/// <param name="FailedKind">The first stage that failed (dns, tcp, tls, http), when unreachable.</param>
/// <param name="Failure">The most frequent failure of that stage.</param>
/// <param name="DnsOnly">It failed at the system resolvers while a reference resolver answered: the network carried traffic, the resolver did not.</param>
/// <param name="TlsProven">A TLS handshake (certificate checked) succeeded, proving the system resolver's address genuine.</param>
/// <param name="DeepestOk">The deepest successful result, for latency.</param>
internal sealed record TargetOutcome(
    string Name,
    TargetGroup Group,
    string? Platform,
    bool Reachable,
    CheckKind? FailedKind,
    string? Failure,
    bool DnsOnly,
    bool TlsProven,
    CheckResult? DeepestOk);
