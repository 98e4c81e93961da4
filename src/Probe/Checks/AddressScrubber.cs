using System.Text.RegularExpressions;

namespace Probe.Checks;

/// <summary>Removes IP addresses from free failure text, so an unknown failure can never leak the probe's own address.</summary>
internal static partial class AddressScrubber
{
    private const string Placeholder = "[address]";

    public static string Scrub(string text) => Ipv6().Replace(Ipv4().Replace(text, Placeholder), Placeholder);

    [GeneratedRegex(@"\b(?:\d{1,3}\.){3}\d{1,3}(?::\d+)?\b")]
    private static partial Regex Ipv4();

    // Anything with two colons and hex groups: over-matching costs a word of text, under-matching a leak.
    [GeneratedRegex(@"\[?[0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){2,7}(?:%\w+)?\]?(?::\d+)?")]
    private static partial Regex Ipv6();
}
