using System.Security.Cryptography;
using System.Text;

namespace Probe.Targets;

/// <summary>
/// Names for CSV rows, which carry none. The name is the URL's host without a leading "www."
/// (https://www.seneweb.com/ → seneweb.com), so analysts recognise it. When the same file
/// holds that host again (http and https, other paths), each later row gets "-" and the first
/// six hex digits of the SHA-256 of its URL as written: the name depends on the row's own URL,
/// not on its position, so it stays the same when rows are added or removed around it.
/// </summary>
internal static class TargetNames
{
    public static string ForUrl(Uri url, string urlText, ISet<string> taken)
    {
        var host = TargetFactory.HostOf(url);
        if (host.StartsWith("www.", StringComparison.Ordinal))
        {
            host = host[4..];
        }

        // IPv6 literals hold ':' which is no tag character.
        var name = host.Replace(':', '-');
        if (taken.Add(name))
        {
            return name;
        }

        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(urlText)));
        for (var digits = 6; ; digits += 2)
        {
            var candidate = $"{name}-{hash[..digits]}";
            if (taken.Add(candidate))
            {
                return candidate;
            }
        }
    }
}
