using System.Collections.Concurrent;

namespace Probe.Checks;

/// <summary>
/// The addresses the last round resolved for each host, for the sentinel lane: it connects every few seconds, and
/// asking the resolvers each time would cost more traffic than the connects themselves. An address is reused for at
/// most <paramref name="maxAge"/> (two round intervals: one late round does not send the sentinels back to DNS, and
/// a daemon whose rounds stopped goes back to resolving). A host the last round could not resolve is forgotten, so
/// its sentinel resolves (and reports the dns failure) as it would without this.
/// </summary>
internal sealed class SentinelAddresses(TimeProvider time, TimeSpan maxAge)
{
    private readonly ConcurrentDictionary<string, (Resolution Resolution, long At)> _byHost = new(StringComparer.OrdinalIgnoreCase);

    public void Remember(string host, Resolution resolution)
    {
        if (resolution.Address is null || resolution.Resolver is null)
        {
            _byHost.TryRemove(host, out _);
            return;
        }

        _byHost[host] = (resolution, time.GetTimestamp());
    }

    /// <summary>The round's resolution without its dns time (no query was made for this check), or null.</summary>
    public Resolution? Recall(string host) =>
        _byHost.TryGetValue(host, out var known) && time.GetElapsedTime(known.At) <= maxAge
            ? known.Resolution with { Ms = null }
            : null;
}
