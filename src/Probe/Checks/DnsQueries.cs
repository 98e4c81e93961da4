using System.Collections.Concurrent;
using DnsClient;

namespace Probe.Checks;

/// <summary>One DnsClient per resolver, configured to measure: no cache, no retries, no fallback to other servers.</summary>
internal sealed class DnsQueries(TimeSpan timeout)
{
    private readonly ConcurrentDictionary<ResolverEndpoint, IDnsQuery> _clients = new();

    public IDnsQuery For(ResolverEndpoint resolver) => _clients.GetOrAdd(resolver, r => new LookupClient(
        new LookupClientOptions([.. r.Servers])
        {
            UseCache = false,
            Retries = 0,
            Timeout = timeout,
            ThrowDnsErrors = false,
            ContinueOnDnsError = false,
            ContinueOnEmptyResponse = false,
            UseRandomNameServer = false,
            // A and AAAA answers fit in UDP; falling back to TCP on an unparsable UDP reply would report the
            // TCP port's state instead of the misbehaving answer.
            UseTcpFallback = false,
        }));
}
