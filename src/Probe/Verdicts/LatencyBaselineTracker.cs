using Probe.Checks;

namespace Probe.Verdicts;

/// <summary>The probe's rolling latency baseline: the median of the last successes per target and kind, in bounded memory.</summary>
/// <remarks>
/// Each key keeps a ring of the last <c>window</c> successful durations. A target that failed in
/// <c>forgetAfterFailures</c> consecutive observations is forgotten, so that a site dead for days stops counting as an
/// unexpected failure (degraded). Keys beyond <c>maxKeys</c> are not tracked. Thread-safe: the sentinel lane and the
/// rounds feed it concurrently.
/// </remarks>
internal sealed class LatencyBaselineTracker(int window = 31, int minSamples = 5, int forgetAfterFailures = 30, int maxKeys = 4096)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Ring> _samples = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _failureStreaks = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Ring> _kbps = new(StringComparer.Ordinal);

    public void Observe(IReadOnlyList<CheckResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        lock (_gate)
        {
            ObserveKbps(results);
            foreach (var target in results.Where(r => r.Group is not null && r.Kind is not CheckKind.Gateway and not CheckKind.Throughput).GroupBy(r => r.Target, StringComparer.Ordinal))
            {
                // Only connections: the engine compares a target's deepest connection check, and a lookup that
                // worked before a failed connect does not make the target a working one.
                var successes = target.Where(r => r.Ok && r.Kind is CheckKind.Tcp or CheckKind.Tls or CheckKind.Http).ToList();
                if (successes.Count == 0)
                {
                    CountFailure(target.Key);
                    continue;
                }

                _failureStreaks.Remove(target.Key);
                foreach (var success in successes)
                {
                    var key = LatencyBaseline.Key(success.Target, success.Kind);
                    if (!_samples.TryGetValue(key, out var ring))
                    {
                        if (_samples.Count >= maxKeys)
                        {
                            continue;
                        }

                        ring = new Ring(window);
                        _samples[key] = ring;
                    }

                    ring.Add(success.Ms);
                }
            }
        }
    }

    /// <summary>The medians of every key with enough samples, or null when there is none yet.</summary>
    public LatencyBaseline? Current()
    {
        lock (_gate)
        {
            var medians = _samples
                .Where(pair => pair.Value.Count >= minSamples)
                .ToDictionary(pair => pair.Key, pair => pair.Value.Median(), StringComparer.Ordinal);
            var kbps = _kbps
                .Where(pair => pair.Value.Count >= minSamples)
                .ToDictionary(pair => pair.Key, pair => pair.Value.Median(), StringComparer.Ordinal);
            return medians.Count == 0 && kbps.Count == 0 ? null : new LatencyBaseline(medians) { MedianKbpsByTarget = kbps };
        }
    }

    /// <summary>Throughput passes are rare (hours apart): their rates get rings of their own, kept while the target is known.</summary>
    private void ObserveKbps(IReadOnlyList<CheckResult> results)
    {
        foreach (var result in results.Where(r => r.Kind == CheckKind.Throughput && r.Kbps is not null))
        {
            if (!_kbps.TryGetValue(result.Target, out var ring))
            {
                if (_kbps.Count >= maxKeys)
                {
                    continue;
                }

                ring = new Ring(window);
                _kbps[result.Target] = ring;
            }

            ring.Add(result.Kbps!.Value);
        }
    }

    private void CountFailure(string target)
    {
        var streak = _failureStreaks.GetValueOrDefault(target) + 1;
        if (streak < forgetAfterFailures)
        {
            if (_failureStreaks.ContainsKey(target) || _failureStreaks.Count < maxKeys)
            {
                _failureStreaks[target] = streak;
            }

            return;
        }

        _failureStreaks.Remove(target);
        _kbps.Remove(target);
        foreach (var kind in (CheckKind[])[CheckKind.Tcp, CheckKind.Tls, CheckKind.Http])
        {
            _samples.Remove(LatencyBaseline.Key(target, kind));
        }
    }

    private sealed class Ring(int capacity)
    {
        private readonly double[] _values = new double[capacity];
        private int _next;

        public int Count { get; private set; }

        public void Add(double value)
        {
            _values[_next] = value;
            _next = (_next + 1) % _values.Length;
            Count = Math.Min(Count + 1, _values.Length);
        }

        public double Median()
        {
            var sorted = _values.AsSpan(0, Count).ToArray();
            Array.Sort(sorted);
            var middle = sorted.Length / 2;
            return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
        }
    }
}
