using DnsClient;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Probe.Budget;
using Probe.Clock;
using Probe.Configuration;
using Probe.Targets;

namespace Probe.Checks;

/// <summary>
/// Runs rounds and sentinel sweeps: the gateway first, then every target with bounded concurrency. Each check has
/// its own hard deadline and a target runs at most four steps (dns, tcp, tls, http) one after the other, the last three on one connection
/// (a throughput check is timed on the http check's GET, within its deadline), so a round
/// is bounded by Timeout × (1 + 4 × ⌈targets / MaxConcurrency⌉) even when every packet is dropped.
/// Checks are never retried: a failure is a measurement.
/// </summary>
internal sealed class ProbeChecker : IChecker
{
    private readonly CheckEnvironment _env;
    private readonly GatewayCheck _gateway;
    private readonly TcpCheck _tcp;
    private readonly TlsCheck _tls;
    private readonly HttpCheck _http;
    private readonly CheckEnvironment _small;
    private readonly HttpCheck _smallHttp;
    private readonly SentinelAddresses _sentinelAddresses;
    private readonly ILogger<ProbeChecker> _logger;

    public ProbeChecker(IOptions<ProbeOptions> options, IProbeClock clock, TimeProvider time, ILogger<ProbeChecker> logger, SystemPaths paths, TrafficMeter? meter = null)
    {
        var settings = CheckSettings.From(options.Value, paths);
        var dns = new DnsCheck(new DnsQueries(settings.Timeout), settings.Bogons, settings.Timeout, time, meter);
        var resolver = new HostResolver(dns, settings.OwnResolvers, () => Ipv6Availability.Detect(
            SystemPaths.ReadOrEmpty(paths.Ipv6Addresses), SystemPaths.ReadOrEmpty(paths.Ipv6Routes)));
        _env = new CheckEnvironment(settings, time, clock, dns, resolver, new CertificateJudge(settings.TrustedRoots, time), meter);
        _gateway = new GatewayCheck(_env, paths);
        _tcp = new TcpCheck(_env);
        _tls = new TlsCheck(_env);
        _http = new HttpCheck(_env, _tls);
        // The budgeted lanes' body limit, never above the configured one.
        _small = _env with { Settings = settings with { BodyLimitBytes = Math.Min(settings.BodyLimitBytes, RoundShape.Budgeted.BodyLimitBytes!.Value) } };
        _smallHttp = new HttpCheck(_small, _tls);
        _sentinelAddresses = new SentinelAddresses(time, options.Value.Schedule.RoundInterval * 2);
        _logger = logger;
    }

    /// <remarks>
    /// When <paramref name="cancellationToken"/> is cancelled (the daemon stopping, Ctrl-C), the
    /// results of the targets already finished are returned rather than thrown away: they were
    /// measured and belong in the store.
    /// </remarks>
    public Task<IReadOnlyList<CheckResult>> RunRoundAsync(IReadOnlyList<Target> targets, CancellationToken cancellationToken) =>
        RunRoundAsync(targets, RoundShape.Full, cancellationToken);

    public async Task<IReadOnlyList<CheckResult>> RunRoundAsync(IReadOnlyList<Target> targets, RoundShape shape, CancellationToken cancellationToken)
    {
        var began = _env.Time.GetTimestamp();
        var results = new List<CheckResult> { await RunGatewayAsync(Lane.Round, cancellationToken) };
        var finished = new IReadOnlyList<CheckResult>?[targets.Count];
        using var gate = new SemaphoreSlim(_env.Settings.MaxConcurrency);
        try
        {
            await Task.WhenAll(targets.Select((t, i) => GatedAsync(gate, async () => finished[i] = await RunTargetAsync(t, shape, cancellationToken), cancellationToken)));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            results.AddRange(finished.OfType<IReadOnlyList<CheckResult>>().SelectMany(r => r));
            return results;
        }

        results.AddRange(finished.SelectMany(r => r!));
        LogSummary(results, began, targets.Count);
        return results;
    }

    public async Task<IReadOnlyList<CheckResult>> RunSentinelsAsync(IReadOnlyList<Target> sentinels, CancellationToken cancellationToken)
    {
        var began = _env.Time.GetTimestamp();
        var results = new List<CheckResult> { await RunGatewayAsync(Lane.Sentinel, cancellationToken) };
        using var gate = new SemaphoreSlim(_env.Settings.MaxConcurrency);
        var perTarget = await Task.WhenAll(sentinels
            .Where(t => SentinelPort(t) is not null)
            .Select(t => GatedAsync(gate, () => RunSentinelAsync(t, cancellationToken), cancellationToken)));
        results.AddRange(perTarget.SelectMany(r => r));
        LogSummary(results, began, targets: null);
        return results;
    }

    private async Task<CheckResult> RunGatewayAsync(Lane lane, CancellationToken cancellationToken)
    {
        var result = await _gateway.RunAsync(lane, cancellationToken);
        if (result.Address is null)
        {
            Log.NoGateway(_logger);
        }

        return result;
    }

    private async Task<IReadOnlyList<CheckResult>> RunSentinelAsync(Target target, CancellationToken cancellationToken)
    {
        var resolution = HostResolver.Literal(target.Host, target.Addresses)
            ?? _sentinelAddresses.Recall(target.Host)
            ?? await _env.Resolver.ResolveAsync(target.Host, target.Addresses, cancellationToken);
        return [await _tcp.RunAsync(target, resolution, SentinelPort(target)!.Value, Lane.Sentinel, cancellationToken)];
    }

    private async Task<IReadOnlyList<CheckResult>> RunTargetAsync(Target target, RoundShape shape, CancellationToken cancellationToken)
    {
        var results = new List<CheckResult>();
        var (dnsResults, resolution) = await RunDnsAsync(target, shape.ReferenceResolvers, cancellationToken);
        results.AddRange(dnsResults);
        if (target.Url is null)
        {
            results.AddRange(await Task.WhenAll(target.Ports.Select(p => _tcp.RunAsync(target, resolution, p, Lane.Round, cancellationToken))));
            return results;
        }

        // The URL's port gets one connection that the tcp, tls and http checks share; other ports are tcp checks alone.
        var urlPort = target.Url.Port;
        var http = shape.BodyLimitBytes is { } limit && limit < _env.Settings.BodyLimitBytes ? _small : _env;
        var window = ThroughputCheck.Measures(target) && shape.Http ? ThroughputCheck.WindowBytes(_env.Settings.ThroughputBytes) : TargetConnection.ConnectBufferBytes(http.Settings.BodyLimitBytes);
        var opening = _tcp.OpenAsync(target, resolution, urlPort, Lane.Round, window, cancellationToken);
        var others = Task.WhenAll(target.Ports.Where(p => p != urlPort).Select(p => _tcp.RunAsync(target, resolution, p, Lane.Round, cancellationToken)));
        var (tcp, connection) = await opening;
        try
        {
            var otherResults = await others;
            results.AddRange(target.Ports.Select(p => p == urlPort ? tcp : otherResults.First(r => r.Port == p)).Distinct());
            results.AddRange(await RunUrlAsync(target, resolution, tcp, connection, shape.Http ? (http == _small ? _smallHttp : _http) : null, cancellationToken));
            return results;
        }
        finally
        {
            if (connection is not null)
            {
                await connection.DisposeAsync();
            }
        }
    }

    /// <summary>
    /// tls (for https) and http over the connection the tcp check opened. Where the connect or the handshake failed,
    /// the later checks are reported with that failure rather than tried again (a retry in disguise, and a second
    /// deadline in a shutdown).
    /// </summary>
    private async Task<IReadOnlyList<CheckResult>> RunUrlAsync(
        Target target, Resolution resolution, CheckResult tcp, TargetConnection? connection, HttpCheck? httpCheck, CancellationToken cancellationToken)
    {
        var results = new List<CheckResult>();
        var blocked = connection is null ? tcp : null;
        if (target.IsHttps)
        {
            var tls = connection is null ? Blocked(tcp, resolution, CheckKind.Tls) : await _tls.RunAsync(target, resolution, connection, Lane.Round, cancellationToken);
            results.Add(tls);
            blocked ??= tls.Ok ? null : tls;
        }

        if (httpCheck is null)
        {
            // The watch stops at the handshake: the connection closes with a reset, nothing more is sent or read.
            if (connection is not null)
            {
                TargetConnection.Abort(connection.Socket);
            }

            return results;
        }

        var transfer = ThroughputCheck.Measures(target) ? new TransferMeter(_env.Time, _env.Settings.ThroughputBytes) : null;
        var http = blocked is null ? await httpCheck.RunAsync(target, resolution, connection!, Lane.Round, cancellationToken, transfer) : Blocked(blocked, resolution, CheckKind.Http);
        results.Add(http);
        if (transfer is not null)
        {
            results.Add(blocked is null ? ThroughputCheck.From(http, transfer) : Blocked(blocked, resolution, CheckKind.Throughput));
        }

        return results;
    }

    private async Task<(IReadOnlyList<CheckResult> Results, Resolution Resolution)> RunDnsAsync(Target target, bool references, CancellationToken cancellationToken)
    {
        var literal = HostResolver.Literal(target.Host, []);
        if (literal is not null)
        {
            // A literal address has nothing to resolve; a pinned one is still worth a dns measurement.
            return ([], literal);
        }

        QueryType[] types = _env.Resolver.HasIpv6 ? [QueryType.A, QueryType.AAAA] : [QueryType.A];
        var queries = (references ? _env.Settings.Resolvers : _env.Settings.OwnResolvers)
            .SelectMany(r => types.Select(t => (Resolver: r, Type: t)))
            .Select(async q => (q.Resolver, q.Type, Clock: _env.Clock.Read(), Answer: await _env.Dns.QueryAsync(q.Resolver, target.Host, q.Type, cancellationToken)));
        var answers = await Task.WhenAll(queries);
        var results = answers.Select(a => CheckResults.Start(target, CheckKind.Dns, a.Clock, Lane.Round) with
        {
            Resolver = a.Resolver.Name,
            QueryType = a.Type.ToString(),
            Ok = a.Answer.Ok,
            Failure = a.Answer.Failure,
            Rcode = a.Answer.Rcode,
            Answers = [.. a.Answer.Addresses.Select(x => x.ToString())],
            Ms = a.Answer.Ms,
            Phases = new Phases(Dns: a.Answer.Ms, Total: a.Answer.Ms),
        }).ToList();
        var resolution = HostResolver.Literal(target.Host, target.Addresses)
            ?? HostResolver.Choose([.. answers.Select(a => (a.Resolver, a.Type, a.Answer))]);
        if (target.Sentinel)
        {
            _sentinelAddresses.Remember(target.Host, resolution);
        }

        return (results, resolution);
    }

    // Unresolved, a check carries the dns failure and time as if it had tried; blocked later, it carries the cause.
    private CheckResult Blocked(CheckResult cause, Resolution resolution, CheckKind kind) => resolution.Address is null
        ? CheckResults.Unresolved(cause with { Kind = kind, Clock = _env.Clock.Read() }, resolution)
        : cause with
    {
        Kind = kind,
        Clock = _env.Clock.Read(),
        Ms = 0,
        Phases = Phases.None,
    };

    private static int? SentinelPort(Target target) =>
        target.Ports.Count > 0 ? target.Ports[0] : target.Url is { } url ? url.Port : null;

    private static async Task<T> GatedAsync<T>(SemaphoreSlim gate, Func<Task<T>> work, CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken);
        try
        {
            return await work();
        }
        finally
        {
            gate.Release();
        }
    }

    private void LogSummary(List<CheckResult> results, long began, int? targets)
    {
        var failed = results.Count(r => !r.Ok);
        var ms = _env.Time.GetElapsedTime(began).TotalMilliseconds;
        if (targets is { } count)
        {
            Log.RoundFinished(_logger, count, results.Count, failed, ms);
        }
        else
        {
            Log.SentinelsFinished(_logger, results.Count, failed, ms);
        }

        if (_logger.IsEnabled(LogLevel.Debug))
        {
            foreach (var r in results.Where(r => !r.Ok))
            {
                Log.CheckFailed(_logger, r.Kind, r.Target, r.Failure);
            }
        }
    }
}
