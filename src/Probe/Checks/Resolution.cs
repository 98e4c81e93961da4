using System.Net;

namespace Probe.Checks;

/// <summary>The address tcp/tls/http connect to, or the dns failure that left them none.</summary>
/// <param name="Address">The first usable address; null when resolution failed.</param>
/// <param name="Failure">The dns failure when <paramref name="Address"/> is null.</param>
/// <param name="Ms">Time spent resolving; null when nothing was resolved (pinned or literal address).</param>
/// <param name="Resolver">The resolver that answered (or failed); null for pinned addresses.</param>
internal sealed record Resolution(IPAddress? Address, string? Failure, double? Ms, string? Resolver)
{
    public static Resolution Pinned(IPAddress address) => new(address, null, null, null);
}
