using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net;

namespace Probe.Configuration;

/// <summary>Strict parsing of addresses as volunteers write them; IPAddress.TryParse alone accepts "8.8" or "1".</summary>
internal static class NetworkText
{
    public const int DnsPort = 53;

    public static bool TryParseAddress(string? text, out IPAddress address)
    {
        address = IPAddress.None;
        if (string.IsNullOrWhiteSpace(text) || text.Contains('[', StringComparison.Ordinal))
        {
            return false;
        }

        var isV6 = text.Contains(':', StringComparison.Ordinal);
        if (!isV6 && text.Count(c => c == '.') != 3)
        {
            return false;
        }

        if (!IPAddress.TryParse(text, out var parsed))
        {
            return false;
        }

        address = parsed;
        return true;
    }

    /// <summary>"ip", "ip:port" or "[v6]:port"; the port defaults to 53.</summary>
    public static bool TryParseResolver(string text, out IPEndPoint endpoint)
    {
        endpoint = new IPEndPoint(IPAddress.None, DnsPort);
        if (TryParseAddress(text, out var bare))
        {
            endpoint = new IPEndPoint(bare, DnsPort);
            return true;
        }

        var portAt = text.LastIndexOf(':');
        if (portAt <= 0)
        {
            return false;
        }

        var host = text[..portAt];
        var bracketed = host.StartsWith('[') && host.EndsWith(']');
        if (bracketed)
        {
            host = host[1..^1];
        }

        var hostOk = TryParseAddress(host, out var address) && (address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6) == bracketed;
        var portOk = int.TryParse(text[(portAt + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var port) && IsPort(port);
        if (!hostOk || !portOk)
        {
            return false;
        }

        endpoint = new IPEndPoint(address, port);
        return true;
    }

    public static bool IsPort(int port) => port is >= 1 and <= 65535;

    public static bool IsHttpUrl(string? text, [NotNullWhen(true)] out Uri? uri)
    {
        uri = null;
        if (!Uri.TryCreate(text, UriKind.Absolute, out var parsed)
            || (parsed.Scheme != Uri.UriSchemeHttp && parsed.Scheme != Uri.UriSchemeHttps)
            || string.IsNullOrEmpty(parsed.Host))
        {
            return false;
        }

        uri = parsed;
        return true;
    }

    public static bool IsHostName(string? text) =>
        !string.IsNullOrWhiteSpace(text)
        && Uri.CheckHostName(text) is UriHostNameType.Dns or UriHostNameType.IPv4 or UriHostNameType.IPv6
        && (Uri.CheckHostName(text) != UriHostNameType.IPv4 || TryParseAddress(text, out _));
}
