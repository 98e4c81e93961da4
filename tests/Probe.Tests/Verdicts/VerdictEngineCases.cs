using Probe.Checks;
using Probe.Targets;
using Probe.Verdicts;
using static Probe.Targets.TargetGroup;

namespace Probe.Tests.Verdicts;

/// <summary>The verdict table: one round per state and per combination, with the state and findings it must give.</summary>
internal static class VerdictEngineCases
{
    public static readonly (string Name, TargetGroup Group, string? Platform)[] Catalog =
    [
        ("n1", National, null), ("n2", National, null), ("n3", National, null),
        ("i1", International, null), ("i2", International, null), ("i3", International, null),
        ("wa-web", Platform, "whatsapp"), ("wa-api", Platform, "whatsapp"), ("wa-cdn", Platform, "whatsapp"),
        ("tt-web", Platform, "tiktok"), ("tt-api", Platform, "tiktok"),
    ];

    private static readonly string[] Everything = Catalog.Select(t => t.Name).ToArray();

    public static IEnumerable<TestCaseData> All()
    {
        yield return Case("online: everything answers", Healthy(), "online");

        yield return Case("unknown: no results", ResultsBuilder.Round(), "unknown");

        yield return Case("unknown: only a working gateway", ResultsBuilder.Round().Gateway(true), "unknown");

        yield return Case(
            "local_fault: gateway silent, nothing answers",
            AllFail(ResultsBuilder.Round().Gateway(false), Failures.NetworkUnreachable),
            "local_fault",
            "local_fault targets=gateway kind=gateway failure=generic_timeout_error");

        yield return Case(
            "local_fault: gateway down wins over what looks like blocks and lies",
            AllFail(ResultsBuilder.Round().Gateway(false), Failures.NetworkUnreachable, except: "n1", only: ["n1", "n2", "n3", "i1", "i2", "i3"])
                .FailsAt("wa-web", Platform, CheckKind.Tls, Failures.ConnectionReset, "whatsapp")
                .FailsAt("wa-api", Platform, CheckKind.Tls, Failures.ConnectionReset, "whatsapp")
                .FailsAt("wa-cdn", Platform, CheckKind.Tls, Failures.ConnectionReset, "whatsapp")
                .SystemDnsFails("n1", National, Failures.DnsNxdomain, referenceAnswers: false),
            "local_fault",
            "local_fault targets=gateway kind=gateway failure=generic_timeout_error");

        yield return Case(
            "full_shutdown: gateway up, nothing beyond it",
            AllFail(ResultsBuilder.Round().Gateway(true), Failures.GenericTimeout),
            "full_shutdown",
            "full_shutdown targets=i1,i2,i3,n1,n2,n3 kind=tcp failure=generic_timeout_error");

        yield return Case(
            "full_shutdown: no gateway measured, nothing reachable",
            AllFail(ResultsBuilder.Round(), Failures.GenericTimeout),
            "full_shutdown",
            "full_shutdown targets=i1,i2,i3,n1,n2,n3 kind=tcp failure=generic_timeout_error");

        yield return Case(
            "international_cut: national answers, international and platforms do not (no platform_block listed)",
            AllFail(Healthy("i1", "i2", "i3", "wa-web", "wa-api", "wa-cdn", "tt-web", "tt-api"), Failures.GenericTimeout, only: ["i1", "i2", "i3", "wa-web", "wa-api", "wa-cdn", "tt-web", "tt-api"]),
            "international_cut",
            "international_cut targets=i1,i2,i3 kind=tcp failure=generic_timeout_error");

        yield return Case(
            "international_cut: in-country platform caches still answer",
            AllFail(Healthy("i1", "i2", "i3"), Failures.ConnectionReset, only: ["i1", "i2", "i3"]),
            "international_cut",
            "international_cut targets=i1,i2,i3 kind=tcp failure=connection_reset");

        yield return Case(
            "platform_block: whatsapp reset after ClientHello",
            Healthy("wa-web", "wa-api", "wa-cdn")
                .FailsAt("wa-web", Platform, CheckKind.Tls, Failures.ConnectionReset, "whatsapp")
                .FailsAt("wa-api", Platform, CheckKind.Tls, Failures.ConnectionReset, "whatsapp")
                .FailsAt("wa-cdn", Platform, CheckKind.Tls, Failures.ConnectionReset, "whatsapp"),
            "platform_block",
            "platform_block platform=whatsapp targets=wa-api,wa-cdn,wa-web kind=tls failure=connection_reset");

        yield return Case(
            "platform_block: two of three hosts of a platform fail",
            Healthy("wa-web", "wa-api")
                .FailsAt("wa-web", Platform, CheckKind.Tcp, Failures.GenericTimeout, "whatsapp")
                .FailsAt("wa-api", Platform, CheckKind.Tcp, Failures.GenericTimeout, "whatsapp"),
            "platform_block",
            "platform_block platform=whatsapp targets=wa-api,wa-web kind=tcp failure=generic_timeout_error");

        yield return Case(
            "dns_tampering: system resolver says NXDOMAIN for a national site",
            Healthy("n2").SystemDnsFails("n2", National, Failures.DnsNxdomain),
            "dns_tampering",
            "dns_tampering targets=n2 kind=dns failure=dns_nxdomain_error resolver=system");

        yield return Case(
            "dns_tampering: bogon answer",
            Healthy("i2").SystemDnsFails("i2", International, Failures.DnsBogon),
            "dns_tampering",
            "dns_tampering targets=i2 kind=dns failure=dns_bogon_error resolver=system");

        yield return Case(
            "dns_tampering: an address the references never gave, and no valid certificate there",
            Healthy("n3").SystemDnsRedirects("n3", National, tlsOk: false),
            "dns_tampering",
            "dns_tampering targets=n3 kind=dns resolver=system");

        yield return Case(
            "online: another address but a valid certificate there (a CDN)",
            Healthy("n3").SystemDnsRedirects("n3", National, tlsOk: true),
            "online");

        yield return Case(
            "platform_block + dns_tampering: tiktok NXDOMAIN, whatsapp reset",
            Healthy("tt-web", "tt-api", "wa-web", "wa-api", "wa-cdn")
                .SystemDnsFails("tt-web", Platform, Failures.DnsNxdomain, "tiktok")
                .SystemDnsFails("tt-api", Platform, Failures.DnsNxdomain, "tiktok")
                .FailsAt("wa-web", Platform, CheckKind.Tls, Failures.ConnectionReset, "whatsapp")
                .FailsAt("wa-api", Platform, CheckKind.Tls, Failures.ConnectionReset, "whatsapp")
                .FailsAt("wa-cdn", Platform, CheckKind.Tls, Failures.ConnectionReset, "whatsapp"),
            "platform_block",
            "platform_block platform=tiktok targets=tt-api,tt-web kind=dns failure=dns_nxdomain_error",
            "platform_block platform=whatsapp targets=wa-api,wa-cdn,wa-web kind=tls failure=connection_reset",
            "dns_tampering targets=tt-api,tt-web kind=dns failure=dns_nxdomain_error resolver=system");

        yield return Case(
            "online: one flaky host of a platform",
            Healthy("wa-cdn").FailsAt("wa-cdn", Platform, CheckKind.Http, Failures.GenericTimeout, "whatsapp"),
            "online");

        yield return Case(
            "online: one flaky control",
            Healthy("i3").FailsAt("i3", International, CheckKind.Tcp, Failures.GenericTimeout),
            "online");

        yield return Case(
            "degraded: several targets failing with no pattern",
            Healthy("n1", "i2").FailsAt("n1", National, CheckKind.Http, Failures.HttpRequestFailed).FailsAt("i2", International, CheckKind.Tcp, Failures.ConnectionRefused),
            "degraded",
            "degraded targets=i2,n1 kind=http failure=http_request_failed");

        yield return Case(
            "degraded: the ISP resolver is dead while the reference answers (not a shutdown)",
            DnsDead(),
            "degraded",
            "degraded targets=" + string.Join(',', Everything.Order(StringComparer.Ordinal)) + " kind=dns failure=dns_servfail_error");

        yield return Case(
            "degraded, not local_fault: gateway silent and the ISP resolver dead, but the reference answers",
            DnsDead(gatewayUp: false),
            "degraded",
            "degraded targets=" + string.Join(',', Everything.Order(StringComparer.Ordinal)) + " kind=dns failure=dns_servfail_error");

        yield return Case(
            "online: the gateway drops our probes while targets answer",
            Healthy(gatewayUp: false),
            "online");

        yield return Case(
            "full_shutdown from the sentinel lane",
            ResultsBuilder.Round().Gateway(true).Sentinel("n1", National, false).Sentinel("n2", National, false).Sentinel("i1", International, false),
            "full_shutdown",
            "full_shutdown targets=i1,n1,n2 kind=tcp failure=generic_timeout_error");

        yield return Case(
            "international_cut from the sentinel lane",
            ResultsBuilder.Round().Gateway(true).Sentinel("n1", National, true).Sentinel("n2", National, false).Sentinel("i1", International, false, Failures.ConnectionReset),
            "international_cut",
            "international_cut targets=i1 kind=tcp failure=connection_reset");

        yield return Case(
            "online: platform API hosts answering 403/404 at / are reachable, not blocked",
            Healthy("wa-api", "wa-cdn", "tt-api")
                .FailsAt("wa-api", Platform, CheckKind.Http, Failures.HttpUnexpectedStatusCode, "whatsapp")
                .FailsAt("wa-cdn", Platform, CheckKind.Http, Failures.HttpUnexpectedStatusCode, "whatsapp")
                .FailsAt("tt-api", Platform, CheckKind.Http, Failures.HttpUnexpectedStatusCode, "tiktok"),
            "online");

        yield return Case(
            "online from the sentinel lane",
            ResultsBuilder.Round().Gateway(true).Sentinel("n1", National, true).Sentinel("i1", International, true),
            "online");
    }

    private static TestCaseData Case(string name, ResultsBuilder round, string state, params string[] findings) =>
        new TestCaseData(round.Build(), state, findings).SetArgDisplayNames(name);

    /// <summary>Every catalog target reachable, except those named (to be added by the caller), and a working gateway.</summary>
    public static ResultsBuilder Healthy(params string[] except) => Healthy(true, except);

    private static ResultsBuilder Healthy(bool gatewayUp, params string[] except)
    {
        var round = ResultsBuilder.Round().Gateway(gatewayUp);
        foreach (var (name, group, platform) in Catalog.Where(t => !except.Contains(t.Name)))
        {
            round.Reachable(name, group, platform);
        }

        return round;
    }

    private static ResultsBuilder AllFail(ResultsBuilder round, string failure, string? except = null, string[]? only = null)
    {
        foreach (var (name, group, platform) in Catalog.Where(t => t.Name != except && (only is null || only.Contains(t.Name))))
        {
            round.FailsAt(name, group, CheckKind.Tcp, failure, platform);
        }

        return round;
    }

    private static ResultsBuilder DnsDead(bool gatewayUp = true)
    {
        var round = ResultsBuilder.Round().Gateway(gatewayUp);
        foreach (var (name, group, platform) in Catalog)
        {
            round.SystemDnsFails(name, group, Failures.DnsServfail, platform);
        }

        return round;
    }
}
