namespace Probe.Tests.Fixtures;

/// <summary>How a test resolver behaves.</summary>
public enum DnsmasqMode
{
    /// <summary>Answers its records, NXDOMAIN for its NX names, REFUSED for every other name (it has no upstream).</summary>
    Answer,

    /// <summary>SERVFAIL for every name (a DNSSEC-validating dnsmasq whose upstream cannot prove the root).</summary>
    Servfail,

    /// <summary>Never answers (forwards to a socket that reads nothing): the client times out.</summary>
    Silent,
}
