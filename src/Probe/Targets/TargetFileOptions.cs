namespace Probe.Targets;

/// <summary>A CSV target list (citizenlab format); in JSON either a path string or { "Path": …, "Group": … }.</summary>
public sealed class TargetFileOptions
{
    public string Path { get; set; } = "";
    /// <summary>Group for rows that do not name one; national when null.</summary>
    public string? Group { get; set; }
}
