using System.Net;

namespace Probe.Tests.Fixtures;

/// <summary>One nginx server block: names, a loopback address, http and/or https ports, and how TLS behaves.</summary>
/// <param name="ServerNames">Host names the block answers (the first is the default name).</param>
/// <param name="Address">Loopback address it listens on.</param>
/// <param name="HttpPort">Plain http port, or null.</param>
/// <param name="HttpsPort">https port, or null (needs <paramref name="Certificate"/> unless <paramref name="RejectHandshake"/>).</param>
/// <param name="Certificate">Server certificate for https.</param>
/// <param name="RejectHandshake">Refuse every TLS handshake with an alert (nginx ssl_reject_handshake).</param>
public sealed record NginxSite(
    IReadOnlyList<string> ServerNames,
    IPAddress Address,
    int? HttpPort = null,
    int? HttpsPort = null,
    TestCertificate? Certificate = null,
    bool RejectHandshake = false);
