namespace Probe.Targets;

/// <summary>One inline target of the configuration.</summary>
public sealed class TargetItemOptions
{
    public string Name { get; set; } = "";
    public string? Url { get; set; }
    public string? Host { get; set; }
    public List<int> Ports { get; set; } = [];
    public string Group { get; set; } = "national";
    public string? Platform { get; set; }
    public List<string> Addresses { get; set; } = [];
    public bool Sentinel { get; set; }
    /// <summary>Whether rounds measure its download rate (the throughput check).</summary>
    public bool Throughput { get; set; }
}
