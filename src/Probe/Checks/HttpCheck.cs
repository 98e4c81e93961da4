using System.Buffers;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using Probe.Targets;

namespace Probe.Checks;

/// <summary>
/// The http check: GET the URL through the probe's own resolvers, follow at most MaxRedirects, read at most
/// HttpBodyLimitBytes. A final status of 200-399 is ok (3xx only when it names no place to go); anything else is
/// http_unexpected_status_code, and a redirect beyond the limit (a loop) is http_request_failed.
/// Phases: dns, connect and tls summed over the connections the check opened (a redirect to another host opens
/// one more); ttfb from the check's start to the final response's headers; total the whole check.
/// </summary>
internal sealed class HttpCheck(CheckEnvironment env)
{
    private static readonly ProductInfoHeaderValue UserAgent = new("probe", "0.1");

    public async Task<CheckResult> RunAsync(Target target, Resolution resolution, Lane lane, CancellationToken cancellationToken)
    {
        var start = CheckResults.Start(target, CheckKind.Http, env.Clock.Read(), lane) with { Port = target.Url!.Port };
        if (resolution.Address is null)
        {
            return CheckResults.Unresolved(start, resolution);
        }

        using var deadline = new Deadline(env.Settings.Timeout, env.Time, cancellationToken);
        var began = env.Time.GetTimestamp();
        var meter = new HttpMeter { Dns = resolution.Ms ?? 0 };
        using var client = new HttpClient(CreateHandler(target, resolution, meter)) { Timeout = Timeout.InfiniteTimeSpan };
        int? status = null;
        long? bytes = null;
        double? ttfb = null;
        string? failure = null;
        try
        {
            var url = target.Url;
            for (var hop = 0; ; hop++)
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, url) { Version = HttpVersion.Version11 };
                request.Headers.UserAgent.Add(UserAgent);
                using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, deadline.Token);
                ttfb = env.Time.GetElapsedTime(began).TotalMilliseconds;
                status = (int)response.StatusCode;
                if (status is >= 300 and < 400 && response.Headers.Location is { } location)
                {
                    var next = location.IsAbsoluteUri ? location : new Uri(url, location);
                    if (hop >= env.Settings.MaxRedirects || (next.Scheme != Uri.UriSchemeHttp && next.Scheme != Uri.UriSchemeHttps))
                    {
                        failure = Failures.HttpRequestFailed;
                        break;
                    }

                    url = next;
                    continue;
                }

                bytes = await ReadBoundedAsync(response, env.Settings.BodyLimitBytes, deadline.Token);
                failure = status is >= 200 and < 400 ? null : Failures.HttpUnexpectedStatusCode;
                break;
            }
        }
        catch (Exception) when (deadline.Expired)
        {
            failure = Failures.GenericTimeout;
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            failure = meter.JudgedFailure ?? FailureClassifier.Classify(e);
        }

        var ms = env.Time.GetElapsedTime(began).TotalMilliseconds;
        return start with
        {
            Resolver = resolution.Resolver,
            Address = (meter.FirstAddress ?? resolution.Address).ToString(),
            Ok = failure is null,
            Failure = failure,
            Ms = ms,
            Status = status,
            Bytes = bytes,
            Phases = new Phases(resolution.Ms is null && meter.Dns == 0 ? null : meter.Dns, meter.Connect, meter.Tls, ttfb, ms),
        };
    }

    private static async Task<long> ReadBoundedAsync(HttpResponseMessage response, int limit, CancellationToken cancellationToken)
    {
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        var buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            long total = 0;
            while (total < limit)
            {
                var read = await body.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, limit - total)), cancellationToken);
                if (read == 0)
                {
                    break;
                }

                total += read;
            }

            return total;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Bounds what a server pushes past the body limit on a metered link; 16 KiB still reads 64 KiB in a few round trips.</summary>
    private const int HttpReceiveBufferBytes = 16 * 1024;

    private SocketsHttpHandler CreateHandler(Target target, Resolution first, HttpMeter meter) => new()
    {
        AllowAutoRedirect = false,
        UseProxy = false,
        UseCookies = false,
        AutomaticDecompression = DecompressionMethods.None,
        MaxResponseHeadersLength = CheckSettings.MaxResponseHeadersKilobytes,
        // Never drain the rest of a 1 GB body after the limit: close the connection instead.
        MaxResponseDrainSize = 0,
        SslOptions = new SslClientAuthenticationOptions
        {
            CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
            RemoteCertificateValidationCallback = (_, cert, chain, errors) =>
            {
                meter.JudgedFailure = env.Judge.Judge(cert, chain, errors);
                return meter.JudgedFailure is null;
            },
        },
        ConnectCallback = async (context, ct) =>
        {
            var resolution = first;
            if (!string.Equals(context.DnsEndPoint.Host, target.Url!.IdnHost, StringComparison.OrdinalIgnoreCase))
            {
                // A redirect to another host: resolved, like everything, through the probe's own resolvers.
                var dnsStarted = env.Time.GetTimestamp();
                resolution = await env.Resolver.ResolveAsync(context.DnsEndPoint.Host, [], ct);
                meter.Dns += env.Time.GetElapsedTime(dnsStarted).TotalMilliseconds;
            }

            if (resolution.Address is null)
            {
                throw new DnsFailureException(resolution.Failure ?? Failures.DnsNoAnswer);
            }

            meter.FirstAddress ??= resolution.Address;
            var connectStarted = env.Time.GetTimestamp();
            var socket = await TcpConnector.ConnectAsync(new IPEndPoint(resolution.Address, context.DnsEndPoint.Port), ct, HttpReceiveBufferBytes);
            meter.Connect += env.Time.GetElapsedTime(connectStarted).TotalMilliseconds;
            meter.ConnectedAt = env.Time.GetTimestamp();
            return new NetworkStream(socket, ownsSocket: true);
        },
        PlaintextStreamFilter = (context, _) =>
        {
            if (context.InitialRequestMessage.RequestUri?.Scheme == Uri.UriSchemeHttps)
            {
                meter.Tls = (meter.Tls ?? 0) + env.Time.GetElapsedTime(meter.ConnectedAt).TotalMilliseconds;
            }

            return ValueTask.FromResult(context.PlaintextStream);
        },
    };
}
