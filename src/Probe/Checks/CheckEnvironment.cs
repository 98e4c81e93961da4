using Probe.Clock;

namespace Probe.Checks;

/// <summary>What every check needs: frozen settings, the clocks, and the shared resolution and certificate logic.</summary>
internal sealed record CheckEnvironment(
    CheckSettings Settings,
    TimeProvider Time,
    IProbeClock Clock,
    DnsCheck Dns,
    HostResolver Resolver,
    CertificateJudge Judge);
