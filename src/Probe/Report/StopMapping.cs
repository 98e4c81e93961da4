namespace Probe.Report;

/// <summary>How a probe incident maps onto Access Now's STOP dataset columns (PROBE.md documents it).</summary>
internal static class StopMapping
{
    public static readonly string[] NamedPlatforms = ["facebook", "twitter", "whatsapp", "instagram", "telegram"];

    public static string ShutdownType(Incident i) => i.State switch
    {
        "full_shutdown" or "international_cut" => "full network",
        "platform_block" or "dns_tampering" => "service-based",
        "degraded" when i.Platforms.Any(p => p.How == "throttling") => "throttling",
        "local_fault" => "none (local fault)",
        var s => s,
    };

    public static string ShutdownExtent(Incident i) => i.State switch
    {
        "full_shutdown" => "full",
        "international_cut" => "partial: international traffic",
        "local_fault" => "none",
        _ => "partial: " + (i.Platforms.Count > 0 ? string.Join(' ', i.Platforms.Select(p => p.Platform)) : string.Join(' ', i.Groups)),
    };

    public static string Network(string? access) => access switch
    {
        "fixed" => "broadband",
        "mobile" => "mobile",
        null or "" => "",
        var a => a,
    };

    /// <summary>STOP's own column for X/Twitter is twitter_affected.</summary>
    public static bool Affected(Incident i, string platform) =>
        i.Platforms.Any(p => p.Platform == platform || (platform == "twitter" && p.Platform is "x" or "twitter"));
}
