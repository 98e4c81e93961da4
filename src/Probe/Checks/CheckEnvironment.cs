using Probe.Budget;
using Probe.Clock;

namespace Probe.Checks;

/// <summary>What every check needs: frozen settings, the clocks, the shared resolution and certificate logic, and the traffic meter.</summary>
internal sealed record CheckEnvironment(
    CheckSettings Settings,
    TimeProvider Time,
    IProbeClock Clock,
    DnsCheck Dns,
    HostResolver Resolver,
    CertificateJudge Judge,
    TrafficMeter? Meter = null);
