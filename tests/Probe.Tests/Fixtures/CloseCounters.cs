using System.Net;
using System.Text.RegularExpressions;

namespace Probe.Tests.Fixtures;

/// <summary>
/// nftables counters, inside a test's namespace, of the RST and FIN segments the probe sends to one address and
/// port: how it closed a connection (one reset, or a FIN the server would answer with more data).
/// </summary>
internal sealed partial class CloseCounters
{
    private readonly NetworkNamespace _ns;

    private CloseCounters(NetworkNamespace ns) => _ns = ns;

    public static CloseCounters Apply(NetworkNamespace ns, IPAddress address, int port)
    {
        ns.ApplyNftables($$"""
            table inet drill {
              counter rst {}
              counter fin {}
              chain out {
                type filter hook output priority 0;
                ip daddr {{address}} tcp dport {{port}} tcp flags & rst == rst counter name rst
                ip daddr {{address}} tcp dport {{port}} tcp flags & fin == fin counter name fin
              }
            }
            """);
        return new CloseCounters(ns);
    }

    /// <summary>The packets counted so far: (resets, fins).</summary>
    public (long Resets, long Fins) Read()
    {
        var listing = _ns.Run("nft", "nftables", "list", "counters");
        return (Count(listing, "rst"), Count(listing, "fin"));
    }

    private static long Count(string listing, string name)
    {
        var match = CounterLine().Matches(listing).FirstOrDefault(m => m.Groups["name"].Value == name)
            ?? throw new InvalidOperationException($"no counter {name} in: {listing}");
        return long.Parse(match.Groups["packets"].Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"counter (?<name>\w+) \{\s*packets (?<packets>\d+) ")]
    private static partial Regex CounterLine();
}
