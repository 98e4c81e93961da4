namespace Probe.Upload;

/// <summary>The analysts' time-series store.</summary>
public sealed class SinkOptions
{
    /// <summary>One of <see cref="SinkKinds"/>: influx2, influx1 or none.</summary>
    public string Kind { get; set; } = SinkKinds.None;
    public string? Url { get; set; }
    public string? Org { get; set; }
    public string? Bucket { get; set; }
    public string? Database { get; set; }
    public string? TokenFile { get; set; }
    /// <summary>The token itself, usually from the environment (PROBE__Sink__Token); never printed.</summary>
    public string? Token { get; set; }
    public int BatchSize { get; set; } = 5000;
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
