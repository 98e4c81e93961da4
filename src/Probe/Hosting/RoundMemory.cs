using Probe.Checks;

namespace Probe.Hosting;

/// <summary>The latest round results of every target, so that a round of part of the catalog is judged with the rest of it.</summary>
/// <remarks>
/// A target's fresh results replace all it had, except lookups at resolvers the fresh round did not ask (the watch asks
/// only the device's own resolvers: the reference answers stay, for dns_tampering and for telling a dead ISP resolver
/// from a cut). An older http success never outlives a fresh tls failure: it is replaced with the rest. Gateway results
/// are never remembered: each round brings its own. Not thread-safe: the tracker owns it under its lock.
/// </remarks>
internal sealed class RoundMemory
{
    private readonly Dictionary<string, IReadOnlyList<CheckResult>> _latest = new(StringComparer.Ordinal);

    /// <summary>Remembers <paramref name="fresh"/> and returns it with what is remembered of the targets it did not check.</summary>
    public IReadOnlyList<CheckResult> Merge(IReadOnlyList<CheckResult> fresh)
    {
        foreach (var target in fresh.Where(r => r.Kind != CheckKind.Gateway).GroupBy(r => r.Target, StringComparer.Ordinal))
        {
            var results = target.ToList();
            if (_latest.TryGetValue(target.Key, out var before))
            {
                var asked = results.Where(r => r.Kind == CheckKind.Dns).Select(r => r.Resolver).ToHashSet(StringComparer.Ordinal);
                results.AddRange(before.Where(r => r.Kind == CheckKind.Dns && !asked.Contains(r.Resolver)));
            }

            _latest[target.Key] = results;
        }

        return [.. fresh.Where(r => r.Kind == CheckKind.Gateway), .. _latest.Values.SelectMany(r => r)];
    }

    public void Forget() => _latest.Clear();
}
