using Probe.Checks;

namespace Probe.Verdicts;

/// <summary>
/// Carries the rates of the last throughput pass into the rounds that follow it. Passes are hours apart (they cost the
/// volunteer's data), while the hysteresis needs a finding to hold for several consecutive rounds: a throttling seen by
/// a pass stays in the verdict until the next pass says otherwise, and never counts as a fresh measurement twice
/// (the baseline is fed only the round's own results). Thread-safe.
/// </summary>
internal sealed class LastThroughputPass
{
    private readonly Lock _gate = new();
    private List<CheckResult> _last = [];

    /// <summary>The results to judge: a round with throughput results replaces the remembered ones; a round without gets them added.</summary>
    public IReadOnlyList<CheckResult> Carry(IReadOnlyList<CheckResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var fresh = results.Where(r => r.Kind == CheckKind.Throughput).ToList();
        lock (_gate)
        {
            if (fresh.Count > 0)
            {
                _last = fresh;
                return results;
            }

            return _last.Count == 0 ? results : [.. results, .. _last];
        }
    }
}
