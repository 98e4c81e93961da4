using Probe.Checks;
using Probe.Clock;
using Probe.Targets;

namespace Probe.Tests.Verdicts;

/// <summary>Builds the results a checker would produce for a round or a sentinel pass, one target at a time.</summary>
internal sealed class ResultsBuilder
{
    public const string System = "system";
    public const string Reference = "google";

    public static readonly ClockReading Clock = new(new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero), "boot", 1000, true);

    private readonly List<CheckResult> _results = [];

    public static ResultsBuilder Round() => new();

    public ResultsBuilder Gateway(bool ok, string? failure = null)
    {
        _results.Add(Result("gateway", null, null, CheckKind.Gateway, ok, ok ? null : failure ?? Failures.GenericTimeout));
        return this;
    }

    /// <summary>Lookups agree, then tcp, tls and http succeed in <paramref name="ms"/>.</summary>
    public ResultsBuilder Reachable(string name, TargetGroup group, string? platform = null, double ms = 50) =>
        Through(name, group, platform, CheckKind.Http, null, ms);

    /// <summary>Every stage before <paramref name="kind"/> succeeds, <paramref name="kind"/> fails, and the deeper ones are reported with that failure (as the checker does).</summary>
    public ResultsBuilder FailsAt(string name, TargetGroup group, CheckKind kind, string failure, string? platform = null) =>
        Through(name, group, platform, kind, failure, 50);

    /// <summary>The system resolver fails with <paramref name="failure"/> (NXDOMAIN, bogon, servfail …) while the reference answers; tcp, tls and http carry that failure.</summary>
    public ResultsBuilder SystemDnsFails(string name, TargetGroup group, string failure, string? platform = null, bool referenceAnswers = true)
    {
        Through(name, group, platform, CheckKind.Dns, failure, 0);
        if (!referenceAnswers)
        {
            var index = _results.FindLastIndex(r => r.Target == name && r.Resolver == Reference);
            _results[index] = _results[index] with { Ok = false, Failure = Failures.GenericTimeout, Answers = [] };
        }

        return this;
    }

    /// <summary>The system resolver answers another address than the reference; then tcp works and tls ends as given.</summary>
    public ResultsBuilder SystemDnsRedirects(string name, TargetGroup group, bool tlsOk, string? platform = null)
    {
        _results.Add(Dns(name, group, platform, System, true, null, ["198.51.100.66"]));
        _results.Add(Dns(name, group, platform, Reference, true, null, [AddressOf(name)]));
        _results.Add(Result(name, group, platform, CheckKind.Tcp, true, null));
        _results.Add(Result(name, group, platform, CheckKind.Tls, tlsOk, tlsOk ? null : Failures.SslInvalidHostname));
        return this;
    }

    /// <summary>A sentinel-lane tcp connect.</summary>
    public ResultsBuilder Sentinel(string name, TargetGroup group, bool ok, string failure = Failures.GenericTimeout)
    {
        _results.Add(Result(name, group, null, CheckKind.Tcp, ok, ok ? null : failure) with { Lane = Lane.Sentinel });
        return this;
    }

    /// <summary>A reachable target whose throughput check measured <paramref name="kbps"/> (null: too little to time).</summary>
    public ResultsBuilder Throughput(string name, TargetGroup group, double? kbps, string? platform = null)
    {
        Reachable(name, group, platform);
        _results.Add(Result(name, group, platform, CheckKind.Throughput, true, null) with { Kbps = kbps, Bytes = 65536 });
        return this;
    }

    public IReadOnlyList<CheckResult> Build() => _results.ToArray();

    private ResultsBuilder Through(string name, TargetGroup group, string? platform, CheckKind last, string? failure, double ms)
    {
        var dnsFails = last == CheckKind.Dns;
        _results.Add(Dns(name, group, platform, System, !dnsFails, failure, dnsFails ? [] : [AddressOf(name)]));
        _results.Add(Dns(name, group, platform, Reference, true, null, [AddressOf(name)]));
        foreach (var kind in new[] { CheckKind.Tcp, CheckKind.Tls, CheckKind.Http })
        {
            // Stages past the failing one are not tried: the checker reports them with the failure that stopped them.
            var ok = failure is null || kind < last;
            _results.Add(Result(name, group, platform, kind, ok, ok ? null : failure) with { Ms = ms });
        }

        return this;
    }

    private static string AddressOf(string name) => $"203.0.113.{(name.Length * 7) % 250}";

    private static CheckResult Dns(string name, TargetGroup group, string? platform, string resolver, bool ok, string? failure, string[] answers) =>
        Result(name, group, platform, CheckKind.Dns, ok, failure) with
        {
            Resolver = resolver,
            QueryType = "A",
            Rcode = failure == Failures.DnsNxdomain ? "NXDOMAIN" : "NOERROR",
            Answers = answers,
        };

    private static CheckResult Result(string name, TargetGroup? group, string? platform, CheckKind kind, bool ok, string? failure) => new()
    {
        Target = name,
        Group = group,
        Platform = platform,
        Kind = kind,
        Host = $"{name}.example",
        Resolver = kind == CheckKind.Dns ? null : System,
        Ok = ok,
        Failure = failure,
        Ms = 20,
        Clock = Clock,
    };
}
