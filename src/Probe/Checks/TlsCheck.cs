using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Probe.Targets;

namespace Probe.Checks;

/// <summary>
/// The tls check: a handshake with SNI = host on the connection the tcp check opened, classified precisely. The
/// secured connection then carries the http check's GET.
/// </summary>
internal sealed class TlsCheck(CheckEnvironment env)
{
    public async Task<CheckResult> RunAsync(Target target, Resolution resolution, TargetConnection connection, Lane lane, CancellationToken cancellationToken)
    {
        var port = target.Url!.Port;
        var result = CheckResults.Start(target, CheckKind.Tls, env.Clock.Read(), lane) with
        {
            Port = port,
            Resolver = resolution.Resolver,
            Address = resolution.Address?.ToString(),
        };
        using var deadline = new Deadline(env.Settings.Timeout, env.Time, cancellationToken);
        var began = env.Time.GetTimestamp();
        double? tlsMs = null;
        string? judged = null;
        string? version = null;
        string? failure = null;
        var ssl = new SslStream(connection.Stream, leaveInnerStreamOpen: false);
        try
        {
            await ssl.AuthenticateAsClientAsync(ClientOptions(target.Url.IdnHost, f => judged = f), deadline.Token);
            tlsMs = env.Time.GetElapsedTime(began).TotalMilliseconds;
            version = VersionName(ssl.SslProtocol);
            connection.Secure(ssl, tlsMs.Value);
        }
        catch (Exception) when (deadline.Expired)
        {
            failure = Failures.GenericTimeout;
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            // A refused certificate surfaces as an AuthenticationException: the judge already knows why.
            failure = judged ?? FailureClassifier.Classify(e);
        }

        if (failure is not null)
        {
            await ssl.DisposeAsync();
        }

        // The check's time is the connection's: connect then handshake, as when it opened a connection of its own.
        var ms = connection.ConnectMs + env.Time.GetElapsedTime(began).TotalMilliseconds;
        return result with
        {
            Ok = failure is null,
            Failure = failure,
            Ms = ms,
            TlsVersion = version,
            Phases = new Phases(Dns: resolution.Ms, Connect: connection.ConnectMs, Tls: tlsMs, Total: ms),
        };
    }

    /// <summary>
    /// The client side of every handshake the probe makes (the tls check's and a redirect's): SNI = host, no
    /// revocation lookups (more traffic, and blocked in a shutdown anyway), the chain built on the CA file's roots when
    /// one is configured, the certificate judged by
    /// <see cref="CertificateJudge"/>, which reports why it refused through <paramref name="judged"/>.
    /// </summary>
    public SslClientAuthenticationOptions ClientOptions(string host, Action<string?> judged) => new()
    {
        TargetHost = host,
        CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
        CertificateChainPolicy = env.Judge.ChainPolicy(),
        RemoteCertificateValidationCallback = (_, cert, chain, errors) =>
        {
            var failure = env.Judge.Judge(cert, chain, errors);
            judged(failure);
            return failure is null;
        },
    };

    internal static string VersionName(SslProtocols protocol) => protocol switch
    {
        SslProtocols.Tls13 => "TLSv1.3",
        SslProtocols.Tls12 => "TLSv1.2",
        // Older versions are only ever named, never asked for: the OS picks what it allows.
        _ => protocol.ToString(),
    };
}
