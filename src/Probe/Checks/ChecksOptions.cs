namespace Probe.Checks;

/// <summary>How each check behaves.</summary>
public sealed class ChecksOptions
{
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(8);
    public int HttpBodyLimitBytes { get; set; } = 65536;
    public int MaxRedirects { get; set; } = 5;
    /// <summary>What a throughput check downloads at most from each target marked Throughput.</summary>
    public int ThroughputBytes { get; set; } = 65536;
    /// <summary>PEM file of extra trusted CA certificates (tests, private deployments).</summary>
    public string? TrustedCaFile { get; set; }
    /// <summary>CIDR ranges not to call bogons (e.g. 127.0.0.0/8 in loopback tests).</summary>
    public List<string> BogonAllow { get; set; } = [];
}
