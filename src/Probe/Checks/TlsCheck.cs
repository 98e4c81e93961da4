using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Probe.Targets;

namespace Probe.Checks;

/// <summary>The tls check: a fresh connection and a handshake with SNI = host, classified precisely.</summary>
internal sealed class TlsCheck(CheckEnvironment env)
{
    public async Task<CheckResult> RunAsync(Target target, Resolution resolution, Lane lane, CancellationToken cancellationToken)
    {
        var port = target.Url!.Port;
        var start = CheckResults.Start(target, CheckKind.Tls, env.Clock.Read(), lane) with { Port = port };
        if (resolution.Address is null)
        {
            return CheckResults.Unresolved(start, resolution);
        }

        var result = start with { Resolver = resolution.Resolver, Address = resolution.Address.ToString() };
        using var deadline = new Deadline(env.Settings.Timeout, env.Time, cancellationToken);
        var began = env.Time.GetTimestamp();
        double? connectMs = null;
        double? tlsMs = null;
        string? judged = null;
        string? version = null;
        string? failure = null;
        try
        {
            using var socket = await TcpConnector.ConnectAsync(new IPEndPoint(resolution.Address, port), deadline.Token);
            connectMs = env.Time.GetElapsedTime(began).TotalMilliseconds;
            await using var stream = new NetworkStream(socket, ownsSocket: false);
            await using var ssl = new SslStream(stream, leaveInnerStreamOpen: false);
            var options = new SslClientAuthenticationOptions
            {
                TargetHost = target.Url.IdnHost,
                CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
                RemoteCertificateValidationCallback = (_, cert, chain, errors) =>
                {
                    judged = env.Judge.Judge(cert, chain, errors);
                    return judged is null;
                },
            };
            await ssl.AuthenticateAsClientAsync(options, deadline.Token);
            tlsMs = env.Time.GetElapsedTime(began).TotalMilliseconds - connectMs;
            version = VersionName(ssl.SslProtocol);
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

        var ms = env.Time.GetElapsedTime(began).TotalMilliseconds;
        return result with
        {
            Ok = failure is null,
            Failure = failure,
            Ms = ms,
            TlsVersion = version,
            Phases = new Phases(Dns: resolution.Ms, Connect: connectMs, Tls: tlsMs, Total: ms),
        };
    }

    internal static string VersionName(SslProtocols protocol) => protocol switch
    {
        SslProtocols.Tls13 => "TLSv1.3",
        SslProtocols.Tls12 => "TLSv1.2",
        // Older versions are only ever named, never asked for: the OS picks what it allows.
        _ => protocol.ToString(),
    };
}
