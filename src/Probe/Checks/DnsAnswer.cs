using System.Net;

namespace Probe.Checks;

/// <summary>What one resolver said about one name and query type.</summary>
/// <param name="Rcode">The response code (NOERROR, NXDOMAIN …); null when no response came.</param>
/// <param name="Addresses">The A or AAAA addresses of the answer.</param>
/// <param name="Failure">Null when the answer is usable.</param>
/// <param name="Ms">Latency of the query in milliseconds.</param>
internal sealed record DnsAnswer(string? Rcode, IReadOnlyList<IPAddress> Addresses, string? Failure, double Ms)
{
    public bool Ok => Failure is null;
}
