using System.Net.Http;
using System.Net.Sockets;
using System.Security.Authentication;
using DnsClient;

namespace Probe.Checks;

/// <summary>Maps what .NET throws during a check to the failure vocabulary of <see cref="Failures"/>.</summary>
internal static class FailureClassifier
{
    /// <summary>The failure for an exception thrown while the check's deadline had not passed.</summary>
    public static string Classify(Exception exception) => exception switch
    {
        DnsFailureException dns => dns.Failure,
        TimeoutException or OperationCanceledException => Failures.GenericTimeout,
        SocketException socket => FromSocketError(socket.SocketErrorCode) ?? Unknown(socket),
        DnsResponseParseException or DnsXidMismatchException => Failures.DnsServerMisbehaving,
        DnsResponseException dns => FromDnsClient(dns),
        HttpRequestException http => FromHttp(http),
        AuthenticationException auth => Inner(auth) ?? Failures.SslFailedHandshake,
        IOException io => Inner(io) ?? (IsEof(io) ? Failures.Eof : Unknown(io)),
        _ => Inner(exception) ?? Unknown(exception),
    };

    public static string? FromSocketError(SocketError error) => error switch
    {
        SocketError.ConnectionRefused => Failures.ConnectionRefused,
        SocketError.ConnectionReset or SocketError.ConnectionAborted => Failures.ConnectionReset,
        SocketError.HostUnreachable or SocketError.HostDown => Failures.HostUnreachable,
        SocketError.NetworkUnreachable or SocketError.NetworkDown => Failures.NetworkUnreachable,
        SocketError.TimedOut => Failures.GenericTimeout,
        _ => null,
    };

    // A broken response (bad framing, headers over the limit) is the server's http failure; otherwise the
    // transport below says what happened (a reset, an EOF, a dns failure from the connect callback).
    private static string FromHttp(HttpRequestException http) => http.HttpRequestError switch
    {
        HttpRequestError.InvalidResponse or HttpRequestError.ConfigurationLimitExceeded or HttpRequestError.HttpProtocolError
            => Failures.HttpRequestFailed,
        HttpRequestError.ResponseEnded => Inner(http) ?? Failures.Eof,
        _ => Inner(http) ?? Failures.HttpRequestFailed,
    };

    private static string FromDnsClient(DnsResponseException dns)
    {
        if (dns.Code == DnsResponseCode.ConnectionTimeout)
        {
            return Failures.GenericTimeout;
        }

        return Inner(dns) ?? Failures.DnsServerMisbehaving;
    }

    // The precise reason is usually one level down (a SocketException inside an IOException inside an HttpRequestException).
    private static string? Inner(Exception exception) =>
        exception.InnerException is { } inner ? Classify(inner) is var failure && !failure.StartsWith(Failures.UnknownPrefix, StringComparison.Ordinal) ? failure : null : null;

    private static bool IsEof(IOException io) =>
        io.Message.Contains("EOF", StringComparison.OrdinalIgnoreCase) || io.Message.Contains("0 bytes", StringComparison.Ordinal);

    private static string Unknown(Exception exception) =>
        Failures.Unknown(AddressScrubber.Scrub($"{exception.GetType().Name}: {exception.Message}"));
}
