namespace Probe.Budget;

/// <summary>The bytes of one DNS exchange over UDP: the query and, when one came, the answer, each in its own IP/UDP datagram.</summary>
internal static class DnsTraffic
{
    /// <summary>Header (12), the name in labels (length + 2), type and class (4), and the EDNS OPT record DnsClient adds (11).</summary>
    public static int QueryBytes(string host) => 12 + host.TrimEnd('.').Length + 2 + 4 + 11;

    public static long Exchange(string host, bool ipv6Server, int? answerBytes)
    {
        var datagram = (ipv6Server ? 40 : 20) + 8;
        return datagram + QueryBytes(host) + (answerBytes is { } answer ? datagram + answer : 0);
    }
}
