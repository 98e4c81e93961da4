using Probe.Targets;

namespace Probe.Checks;

/// <summary>Runs checks against targets: the one seam of the Checks feature.</summary>
public interface IChecker
{
    /// <summary>A full round: gateway, then dns, tcp, tls and http for every target, bounded in concurrency and time.</summary>
    Task<IReadOnlyList<CheckResult>> RunRoundAsync(IReadOnlyList<Target> targets, CancellationToken cancellationToken);

    /// <summary>The sentinel lane: gateway plus one cheap tcp connect per sentinel target.</summary>
    Task<IReadOnlyList<CheckResult>> RunSentinelsAsync(IReadOnlyList<Target> sentinels, CancellationToken cancellationToken);
}
