using System.Text;

namespace Probe.Tests.Drills;

/// <summary>
/// The nftables rules that play each disruption inside the drill's namespace. Rules sit on the input hook, so a dropped
/// packet is sent and never answered (a timeout, as on a real cut) rather than refused locally by the output hook.
/// </summary>
internal static class Disruptions
{
    private const string Table = "inet drill";
    private const string International = "127.2.0.0/16";
    private const string Platforms = "127.3.0.0/16";

    /// <summary>International sites, platforms, the reference resolver (abroad, like 8.8.8.8) and the analysts' store.</summary>
    public static string InternationalCut =>
        $"ip daddr {{ {International}, {Platforms}, {DrillWorld.ReferenceResolver} }} drop";

    /// <summary>Everything past the gateway: every server of the world, the ISP's resolver included; the gateway still answers.</summary>
    public static string FullShutdown =>
        $"ip daddr {{ {DrillWorld.IspResolver}, {DrillWorld.ReferenceResolver}, 127.1.0.0/16, {International}, {Platforms} }} drop";

    /// <summary>Every connection to the platforms' addresses reset (RST to the SYN).</summary>
    public static string PlatformTcpReset => $"ip daddr {Platforms} meta l4proto tcp reject with tcp reset";

    /// <summary>
    /// The router dies: the gateway stops answering (its refused port no longer refuses, the connect times out) and so
    /// does everything behind it. A silent gateway alone, with every site still reachable, is not a local fault (the
    /// daemon calls that degraded: a router that filters its own ports).
    /// </summary>
    public static string LocalFault => $"ip daddr {{ {DrillWorld.Gateway}, {DrillWorld.IspResolver}, {DrillWorld.ReferenceResolver}, 127.1.0.0/16, {International}, {Platforms} }} drop";

    /// <summary>
    /// SNI filtering as in June 2023: a TCP segment to a platform address whose payload holds <paramref name="sniPart"/>
    /// (the ClientHello's server_name) is answered with a reset, while the same address still serves other names.
    /// nftables has no string match, so the name is matched at every byte offset of the first 400 payload bytes.
    /// </summary>
    public static string TlsInterference(string sniPart)
    {
        var hex = Convert.ToHexStringLower(Encoding.ASCII.GetBytes(sniPart));
        var rules = new StringBuilder();
        for (var offset = 0; offset <= 400 * 8; offset += 8)
        {
            rules.AppendLine($"    ip daddr {Platforms} tcp dport 443 @ih,{offset},{sniPart.Length * 8} 0x{hex} reject with tcp reset");
        }

        return rules.ToString();
    }

    /// <summary>
    /// Throttling: what the platforms' address sends is policed to 128 kbytes/s (1 Mbit/s shared by both platforms, under the 2 Mbit/s below which
    /// the probe calls a rate throttled); packets over the rate are dropped, as a policer does.
    /// </summary>
    public static string PlatformThrottling => "ip saddr 127.3.0.1 tcp sport 443 limit rate over 128 kbytes/second drop";

    /// <summary>An nft -f file that replaces the drill's table with one holding <paramref name="rules"/> (none: no table).</summary>
    public static string Ruleset(string? rules)
    {
        // "add then delete" empties the table whether or not it existed (nft 1.0.6 has no "destroy").
        var text = new StringBuilder($"table {Table}\ndelete table {Table}\n");
        if (rules is not null)
        {
            text.AppendLine($"table {Table} {{");
            text.AppendLine("  chain input {");
            text.AppendLine("    type filter hook input priority 0; policy accept;");
            text.AppendLine(rules);
            text.AppendLine("  }");
            text.AppendLine("}");
        }

        return text.ToString();
    }
}
