namespace Probe.Checks;

/// <summary>A DNS resolver: "system" reads /etc/resolv.conf; reference resolvers only cross-check.</summary>
public sealed class ResolverOptions
{
    public string Name { get; set; } = "";
    /// <summary>"system", an address, or address:port.</summary>
    public string Address { get; set; } = "";
    public bool Reference { get; set; }
}
