using System.Net;

namespace Probe.Checks;

/// <summary>Phase times of the connections an http check opened, summed over redirects (each new host costs its own).</summary>
internal sealed class HttpMeter
{
    public double Dns { get; set; }
    public double Connect { get; set; }
    public double? Tls { get; set; }
    public IPAddress? FirstAddress { get; set; }
    /// <summary>Why the last certificate was refused, when it was.</summary>
    public string? JudgedFailure { get; set; }
    public long ConnectedAt { get; set; }
}
