using System.Buffers;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Security;
using System.Net.Sockets;
using Probe.Targets;

namespace Probe.Checks;

/// <summary>
/// The http check: GET the URL over the connection the tcp (and tls) checks opened, follow at most MaxRedirects
/// (on the same connection while the origin stays the same, else on a new one resolved through the probe's own
/// resolvers), read at most HttpBodyLimitBytes of
/// the body as sent (gzip-compressed when the server chose to: the bytes on the wire are what a metered link pays
/// for). A final status of 200-399 is ok (3xx only when it names no place to go); anything else is
/// http_unexpected_status_code, and a redirect beyond the limit (a loop) is http_request_failed.
/// Phases: dns, connect and tls summed over the connections the check used; ttfb from the first connect to the final
/// response's headers; total from the first connect to the end.
/// </summary>
internal sealed class HttpCheck(CheckEnvironment env, TlsCheck tls)
{
    private static readonly ProductInfoHeaderValue UserAgent = new("probe", "0.1");
    private static readonly HttpRequestOptionsKey<string> SchemeKey = new("probe.scheme");

    /// <remarks>With a <c>transfer</c> (a throughput pass), the body is timed by it and read on to the throughput limit.</remarks>
    public async Task<CheckResult> RunAsync(
        Target target, Resolution resolution, TargetConnection connection, Lane lane, CancellationToken cancellationToken, TransferMeter? transfer = null)
    {
        var start = CheckResults.Start(target, CheckKind.Http, env.Clock.Read(), lane) with { Port = target.Url!.Port };
        using var deadline = new Deadline(env.Settings.Timeout, env.Time, cancellationToken);
        var began = connection.StartedAt;
        var meter = new HttpMeter { Dns = resolution.Ms ?? 0, Connect = connection.ConnectMs, Tls = connection.TlsMs, FirstAddress = resolution.Address };
        using var client = new HttpClient(CreateHandler(target, resolution, connection, meter, transfer is not null)) { Timeout = Timeout.InfiniteTimeSpan };
        int? status = null;
        long? bytes = null;
        double? ttfb = null;
        string? failure = null;
        try
        {
            var url = target.Url;
            for (var hop = 0; ; hop++)
            {
                using var request = Request(url);
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

                bytes = Math.Min(env.Settings.BodyLimitBytes, await ReadBoundedAsync(response, env.Settings.BodyLimitBytes, meter, transfer, deadline.Token));

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

        transfer?.Finish();
        if (failure is not null && transfer is not null && status is not null && transfer.Bytes >= env.Settings.BodyLimitBytes)
        {
            // The http check had its bytes; only the longer read of the throughput pass was cut.
            (transfer.Failure, failure, bytes) = (failure, status is >= 200 and < 400 ? null : Failures.HttpUnexpectedStatusCode, env.Settings.BodyLimitBytes);
        }

        var ms = env.Time.GetElapsedTime(began).TotalMilliseconds;
        return start with
        {
            Resolver = resolution.Resolver,
            Address = meter.FirstAddress?.ToString(),
            Ok = failure is null,
            Failure = failure,
            Ms = ms,
            Status = status,
            Bytes = bytes,
            Phases = new Phases(resolution.Ms is null && meter.Dns == 0 ? null : meter.Dns, meter.Connect, meter.Tls, ttfb, ms),
        };
    }

    /// <summary>
    /// The request goes out as plain http to the handler, because TLS is already done (by the tls check, or by
    /// <see cref="ConnectAsync"/> for a redirect): the real scheme travels in the request's options, and the Host
    /// header is the URL's own.
    /// </summary>
    private static HttpRequestMessage Request(Uri url)
    {
        var plain = new UriBuilder(url) { Scheme = Uri.UriSchemeHttp, Port = url.Port }.Uri;
        var request = new HttpRequestMessage(HttpMethod.Get, plain) { Version = HttpVersion.Version11 };
        request.Headers.Host = url.IsDefaultPort ? url.IdnHost : $"{url.IdnHost}:{url.Port}";
        request.Headers.UserAgent.Add(UserAgent);
        // As browsers ask: a server that compresses sends fewer bytes for the same page.
        request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("gzip"));
        request.Options.Set(SchemeKey, url.Scheme);
        return request;
    }

    /// <summary>
    /// Reads up to the limit. A body that goes on past it is cut with a reset before the body stream is disposed:
    /// disposing it first would let the handler close the connection politely (a FIN, while the server keeps sending).
    /// </summary>
    private static async Task<long> ReadBoundedAsync(HttpResponseMessage response, int limit, HttpMeter meter, TransferMeter? transfer, CancellationToken cancellationToken)
    {
        limit = transfer is null ? limit : Math.Max(limit, transfer.LimitBytes);
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
                    return total;
                }

                total += read;
                transfer?.Read(read);
            }

            if (response.Content.Headers.ContentLength != total && meter.Socket is { } socket)
            {
                TargetConnection.Abort(socket);
            }

            return total;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private SocketsHttpHandler CreateHandler(Target target, Resolution first, TargetConnection opened, HttpMeter meter, bool timed)
    {
        var pending = opened;
        return new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseProxy = false,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.None,
            MaxResponseHeadersLength = CheckSettings.MaxResponseHeadersKilobytes,
            // Never drain the rest of a 1 GB body after the limit: close the connection instead.
            MaxResponseDrainSize = 0,
            ConnectCallback = async (context, ct) =>
            {
                var sameOrigin = string.Equals(context.DnsEndPoint.Host, target.Url!.IdnHost, StringComparison.OrdinalIgnoreCase)
                    && context.DnsEndPoint.Port == target.Url.Port
                    && Scheme(context) == target.Url.Scheme;
                if (sameOrigin && Interlocked.Exchange(ref pending, null) is { } shared)
                {
                    meter.Socket = shared.Socket;
                    NarrowWindow(shared.Socket, timed);
                    return shared.Stream;
                }

                return await ConnectAsync(context, target, first, meter, timed, ct);
            },
        };
    }

    private static string Scheme(SocketsHttpConnectionContext context) =>
        context.InitialRequestMessage.Options.TryGetValue(SchemeKey, out var scheme) ? scheme : Uri.UriSchemeHttp;

    /// <summary>A connection of its own for a redirect: resolved, connected and (for https) secured and judged.</summary>
    private async Task<Stream> ConnectAsync(SocketsHttpConnectionContext context, Target target, Resolution first, HttpMeter meter, bool timed, CancellationToken ct)
    {
        var host = context.DnsEndPoint.Host;
        var resolution = first;
        if (!string.Equals(host, target.Url!.IdnHost, StringComparison.OrdinalIgnoreCase))
        {
            var dnsStarted = env.Time.GetTimestamp();
            resolution = await env.Resolver.ResolveAsync(host, [], ct);
            meter.Dns += env.Time.GetElapsedTime(dnsStarted).TotalMilliseconds;
        }

        if (resolution.Address is null)
        {
            throw new DnsFailureException(resolution.Failure ?? Failures.DnsNoAnswer);
        }

        meter.FirstAddress ??= resolution.Address;
        var connectStarted = env.Time.GetTimestamp();
        var window = timed ? ThroughputCheck.WindowBytes(env.Settings.ThroughputBytes) : TargetConnection.ConnectBufferBytes(env.Settings.BodyLimitBytes);
        var socket = await TcpConnector.ConnectAsync(new IPEndPoint(resolution.Address, context.DnsEndPoint.Port), ct, window, env.Meter);
        meter.Connect += env.Time.GetElapsedTime(connectStarted).TotalMilliseconds;
        meter.Socket = socket;
        var stream = new NetworkStream(socket, ownsSocket: true);
        if (Scheme(context) != Uri.UriSchemeHttps)
        {
            NarrowWindow(socket, timed);
            return stream;
        }

        var tlsStarted = env.Time.GetTimestamp();
        var ssl = new SslStream(stream, leaveInnerStreamOpen: false);
        try
        {
            await ssl.AuthenticateAsClientAsync(tls.ClientOptions(host, f => meter.JudgedFailure = f), ct);
        }
        catch
        {
            await ssl.DisposeAsync();
            throw;
        }

        meter.Tls = (meter.Tls ?? 0) + env.Time.GetElapsedTime(tlsStarted).TotalMilliseconds;
        NarrowWindow(socket, timed);
        return ssl;
    }

    /// <summary>
    /// Once the handshakes are done, the receive buffer shrinks to about the body limit (4 KiB at least, the 16 KiB
    /// of the connect at most): what a server can push past the limit before the reset is bounded by it, and with a
    /// small limit on a metered link that overshoot would otherwise be most of the check's bytes. The handshakes keep
    /// the larger window, so a certificate chain arrives in one flight and tls_ms is not skewed.
    /// </summary>
    /// <remarks>A timed (throughput) transfer keeps its window: narrowing it would measure the window, not the link.</remarks>
    private void NarrowWindow(Socket socket, bool timed)
    {
        if (timed)
        {
            return;
        }

        var window = Math.Clamp(env.Settings.BodyLimitBytes, MinBodyWindowBytes, TargetConnection.ReceiveBufferBytes);
        if (window < TargetConnection.ReceiveBufferBytes)
        {
            socket.ReceiveBufferSize = window;
        }
    }

    private const int MinBodyWindowBytes = 4 * 1024;
}
