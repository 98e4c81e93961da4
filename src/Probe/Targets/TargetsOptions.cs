namespace Probe.Targets;

/// <summary>Where targets come from: the built-in catalog, CSV files, and inline items.</summary>
public sealed class TargetsOptions
{
    public bool UseDefaults { get; set; } = true;
    public List<TargetFileOptions> Files { get; set; } = [];
    public List<TargetItemOptions> Items { get; set; } = [];
}
