using Probe.Targets;

namespace Probe.Checks;

/// <summary>Runs checks against targets: the one seam of the Checks feature.</summary>
public interface IChecker
{
    /// <summary>A full round: gateway, then dns, tcp, tls and http for every target, bounded in concurrency and time.</summary>
    Task<IReadOnlyList<CheckResult>> RunRoundAsync(IReadOnlyList<Target> targets, CancellationToken cancellationToken);

    /// <summary>A round of the given depth (the budgeted lanes: the platform watch, a whole round with a small body limit).</summary>
    Task<IReadOnlyList<CheckResult>> RunRoundAsync(IReadOnlyList<Target> targets, RoundShape shape, CancellationToken cancellationToken) =>
        RunRoundAsync(targets, cancellationToken);

    /// <summary>The sentinel lane: gateway plus one cheap tcp connect per sentinel target.</summary>
    Task<IReadOnlyList<CheckResult>> RunSentinelsAsync(IReadOnlyList<Target> sentinels, CancellationToken cancellationToken);
}
