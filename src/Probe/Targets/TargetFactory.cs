using System.Globalization;
using System.Net;
using Probe.Configuration;

namespace Probe.Targets;

/// <summary>Turns one target description (a config item or a catalog row) into a <see cref="Target"/>, naming the key of each problem.</summary>
internal static class TargetFactory
{
    public const int DefaultPort = 443;

    public static Target? FromItem(TargetItemOptions item, string key, string source, ProblemList problems)
    {
        var before = problems.Count;
        if (!OptionRules.TagSafe().IsMatch(item.Name))
        {
            problems.Add($"{key}:Name", Localization.Text.Format("config.targets.name", item.Name));
        }

        var (url, host) = UrlAndHost(item, key, problems);
        OptionRules.Ports(item.Ports, $"{key}:Ports", problems);
        var addresses = new List<IPAddress>();
        for (var i = 0; i < item.Addresses.Count; i++)
        {
            if (NetworkText.TryParseAddress(item.Addresses[i], out var address))
            {
                addresses.Add(address);
            }
            else
            {
                problems.Add($"{key}:Addresses:{i}", Localization.Text.Format("config.targets.address", item.Addresses[i]));
            }
        }

        var group = Group(item.Group, $"{key}:Group", problems);
        var platform = Platform(item.Platform, group, $"{key}:Platform", problems);
        if (problems.Count != before || host is null)
        {
            return null;
        }

        IReadOnlyList<int> ports = item.Ports.Count > 0 ? [.. item.Ports] : [url?.Port ?? DefaultPort];
        return new Target(item.Name, host, url, group, platform, ports, addresses, item.Sentinel, source) { Throughput = item.Throughput && url is not null };
    }

    public static TargetGroup Group(string? text, string key, ProblemList problems)
    {
        if (TargetGroupNames.TryParse(text, out var group))
        {
            return group;
        }

        problems.Add(key, Localization.Text.Format("config.targets.group", text));
        return TargetGroup.National;
    }

    /// <summary>The host to resolve: punycode for names, bare (unbracketed) for IPv6 literals.</summary>
    public static string HostOf(Uri url) =>
        url.HostNameType == UriHostNameType.IPv6 ? url.Host.Trim('[', ']') : url.IdnHost;

    private static (Uri? Url, string? Host) UrlAndHost(TargetItemOptions item, string key, ProblemList problems)
    {
        Uri? url = null;
        string? host = null;
        if (!string.IsNullOrWhiteSpace(item.Url))
        {
            if (NetworkText.IsHttpUrl(item.Url, out url))
            {
                host = HostOf(url);
            }
            else
            {
                problems.Add($"{key}:Url", Localization.Text.Format("config.targets.url", item.Url));
            }
        }

        if (!string.IsNullOrWhiteSpace(item.Host))
        {
            var named = item.Host.Trim().ToLowerInvariant();
            if (!NetworkText.IsHostName(named))
            {
                problems.Add($"{key}:Host", Localization.Text.Format("config.targets.host", item.Host));
            }
            else if (host is not null && !string.Equals(host, named, StringComparison.OrdinalIgnoreCase))
            {
                problems.Add($"{key}:Host", Localization.Text.Format("config.targets.host.differs", item.Host, host));
            }

            host ??= named;
        }

        if (string.IsNullOrWhiteSpace(item.Url) && string.IsNullOrWhiteSpace(item.Host))
        {
            problems.Add(key, Localization.Text.Get("config.targets.nowhere"));
        }

        return (url, host);
    }

    private static string? Platform(string? platform, TargetGroup group, string key, ProblemList problems)
    {
        var name = string.IsNullOrWhiteSpace(platform) ? null : platform.Trim().ToLower(CultureInfo.InvariantCulture);
        if (group == TargetGroup.Platform && name is null)
        {
            problems.Add(key, Localization.Text.Get("config.targets.platform.required"));
        }
        else if (group != TargetGroup.Platform && name is not null)
        {
            problems.Add(key, Localization.Text.Format("config.targets.platform.group", platform, group.ToName()));
        }
        else if (name is not null && !OptionRules.TagSafe().IsMatch(name))
        {
            problems.Add(key, Localization.Text.Format("config.targets.platform.name", platform));
        }

        return name;
    }
}
