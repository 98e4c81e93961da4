using System.Net;
using System.Net.Sockets;

namespace Probe.Checks;

/// <summary>Phase times of the connections an http check used, summed over redirects (each new connection costs its own).</summary>
internal sealed class HttpMeter
{
    public double Dns { get; set; }
    public double Connect { get; set; }
    public double? Tls { get; set; }
    public IPAddress? FirstAddress { get; set; }
    /// <summary>Why the last certificate was refused, when it was.</summary>
    public string? JudgedFailure { get; set; }
    /// <summary>The socket the current response arrives on: reset when the probe stops reading early.</summary>
    public Socket? Socket { get; set; }
}
