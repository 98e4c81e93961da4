using System.Net;

namespace Probe.Checks;

/// <summary>Addresses no public name should resolve to: a resolver answering with one is lying or broken.</summary>
internal sealed class BogonRanges
{
    // RFC 6890 special-purpose ranges that are never reachable on the public internet.
    private static readonly IPNetwork[] Ranges =
    [
        IPNetwork.Parse("0.0.0.0/8"),
        IPNetwork.Parse("10.0.0.0/8"),
        IPNetwork.Parse("100.64.0.0/10"),
        IPNetwork.Parse("127.0.0.0/8"),
        IPNetwork.Parse("169.254.0.0/16"),
        IPNetwork.Parse("172.16.0.0/12"),
        IPNetwork.Parse("192.0.0.0/24"),
        IPNetwork.Parse("192.0.2.0/24"),
        IPNetwork.Parse("192.168.0.0/16"),
        IPNetwork.Parse("198.18.0.0/15"),
        IPNetwork.Parse("198.51.100.0/24"),
        IPNetwork.Parse("203.0.113.0/24"),
        IPNetwork.Parse("224.0.0.0/3"),
        IPNetwork.Parse("::/128"),
        IPNetwork.Parse("::1/128"),
        IPNetwork.Parse("100::/64"),
        IPNetwork.Parse("2001:db8::/32"),
        IPNetwork.Parse("fc00::/7"),
        IPNetwork.Parse("fe80::/10"),
        IPNetwork.Parse("ff00::/8"),
    ];

    private readonly IReadOnlyList<IPNetwork> _allowed;

    public BogonRanges(IReadOnlyList<IPNetwork> allowed) => _allowed = allowed;

    public static BogonRanges None { get; } = new([]);

    public bool IsBogon(IPAddress address)
    {
        // An IPv4-mapped IPv6 answer (::ffff:10.0.0.1) is judged as the IPv4 address it carries.
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        return Ranges.Any(r => r.Contains(address)) && !_allowed.Any(r => r.Contains(address));
    }
}
