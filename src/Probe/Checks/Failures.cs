namespace Probe.Checks;

/// <summary>The failure vocabulary (OONI's strings), the <c>failure</c> field of a result.</summary>
public static class Failures
{
    public const string DnsNxdomain = "dns_nxdomain_error";
    public const string DnsNoAnswer = "dns_no_answer";
    public const string DnsRefused = "dns_refused_error";
    public const string DnsServfail = "dns_servfail_error";
    public const string DnsServerMisbehaving = "dns_server_misbehaving";
    public const string DnsBogon = "dns_bogon_error";
    public const string ConnectionRefused = "connection_refused";
    public const string ConnectionReset = "connection_reset";
    public const string HostUnreachable = "host_unreachable";
    public const string NetworkUnreachable = "network_unreachable";
    public const string GenericTimeout = "generic_timeout_error";
    public const string Eof = "eof_error";
    public const string SslInvalidHostname = "ssl_invalid_hostname";
    public const string SslUnknownAuthority = "ssl_unknown_authority";
    public const string SslInvalidCertificate = "ssl_invalid_certificate";
    public const string SslFailedHandshake = "ssl_failed_handshake";
    public const string HttpRequestFailed = "http_request_failed";
    public const string HttpUnexpectedStatusCode = "http_unexpected_status_code";

    /// <summary>Prefix of a failure the vocabulary has no word for; the text after it never holds the probe's address.</summary>
    public const string UnknownPrefix = "unknown_failure: ";

    public static string Unknown(string text) => UnknownPrefix + text;
}
