using Probe.Checks;
using Probe.Targets;

namespace Probe.Verdicts;

/// <summary>The rules of the verdict table (PROBE.md section 4, "Verdicts") as a pure function of one evaluation's results.</summary>
/// <remarks>
/// <para>Per target (gateway results aside): it is <b>reachable</b> when its deepest connection check in the results
/// succeeded (http if any, else tls, else tcp; any port or address will do). Otherwise the <b>first stage that failed</b>
/// names how: dns when every system-resolver lookup failed, then tcp, tls, http. A target with only lookups that worked
/// (no connection tried) or only reference lookups is not judged. Sentinel results (gateway + tcp) follow the same rules.</para>
/// <para>A target that failed at dns while a reference resolver answered for it is <b>dns-only</b>: the network carried the
/// reference query, so it does not count as unreachable for the connectivity states below (a dead ISP resolver is not
/// a shutdown); it still counts for its platform and for degraded.</para>
/// <list type="bullet">
/// <item><c>local_fault</c>: every gateway result failed, no target was reachable and no reference resolver answered (no gateway
/// result: not judged). A gateway
/// check that fails while targets answer (a router dropping our probes, or no default route in a test namespace) is no
/// finding at all: the answers prove the path works, and users see nothing wrong.</item>
/// <item><c>full_shutdown</c>: gateway not failed, at least one national or international target judged, none reachable in any group.</item>
/// <item><c>international_cut</c>: a national target reachable, international targets judged and none reachable. Platforms are not
/// required to fail: Google and Meta caches inside Senegalese networks can keep them up during a cut.</item>
/// <item><c>platform_block</c>: the controls work (more than half the international targets reachable; the national ones when no
/// international target is judged) and at least two thirds of a platform's judged targets fail (its only one, if it has one).
/// Never alongside a cut, which already implies it. A platform whose names are tampered is reported both as
/// platform_block (kind dns: its users cannot reach it) and as dns_tampering (who lies).</item>
/// <item><c>dns_tampering</c>: for a host and query type, a system resolver answers NXDOMAIN or a bogon while a reference resolver
/// answered with addresses (and none said NXDOMAIN), or answers addresses sharing none with the references when these agree
/// among themselves and no TLS handshake for that target succeeded (a valid certificate proves the address genuine; CDNs
/// hand out different addresses). One finding per resolver.</item>
/// <item><c>degraded</c>, only when no connectivity state holds: failing targets that no block or tampering explains, at least two
/// and at least a tenth of the judged targets (with a baseline, only targets that have worked recently count); or, at least
/// two and a third of the targets with a baseline answering more than 3× their median and 200 ms above it.</item>
/// <item><c>degraded</c>, how <c>throttling</c>, only when no connectivity state holds: a platform's throughput far below the
/// international controls' and its own baseline, or the international group's far below the national one's or its own
/// baseline (<see cref="ThrottlingRule"/>).</item>
/// <item><c>online</c>: something was judged and none of the above holds; <c>unknown</c>: nothing judgeable (no results, or only
/// a working gateway).</item>
/// </list>
/// <para>The headline is the most severe finding; findings list every one that holds, most severe first.</para>
/// </remarks>
internal sealed class VerdictEngine(VerdictRules rules) : IVerdictEngine
{
    public Verdict Evaluate(IReadOnlyList<CheckResult> results, LatencyBaseline? baseline = null)
    {
        ArgumentNullException.ThrowIfNull(results);
        var outcomes = TargetOutcomes.From(results, rules);
        var gateway = results.Where(r => r.Kind == CheckKind.Gateway).ToList();
        bool? gatewayUp = gateway.Count == 0 ? null : gateway.Any(r => r.Ok);

        var counted = outcomes.Where(o => !o.DnsOnly).ToList();
        var national = Tally.Of(counted, TargetGroup.National);
        var international = Tally.Of(counted, TargetGroup.International);
        var reachedAny = counted.Any(o => o.Reachable);
        // A reference resolver that answered proves packets leave the house, whatever the gateway check says.
        var trafficFlows = reachedAny || outcomes.Any(o => o.DnsOnly);

        var findings = new List<Finding>();
        var connectivity = Connectivity(gateway, gatewayUp, counted, national, international, reachedAny, trafficFlows);
        if (connectivity is not null)
        {
            findings.Add(connectivity);
        }

        var (tampering, tampered) = DnsTamperingRule.Find(results, outcomes, rules);
        findings.AddRange(tampering);

        var controls = international.Judged > 0 ? international : national;
        var blocks = controls.Judged > 0 && controls.Reached > rules.ControlsWorkingShare * controls.Judged
            ? PlatformBlockRule.Find(outcomes, rules)
            : [];
        findings.AddRange(blocks);

        if (connectivity is null)
        {
            var explained = blocks.SelectMany(f => f.Targets).Concat(tampered).ToHashSet(StringComparer.Ordinal);
            findings.AddRange(DegradedRule.Find(outcomes, explained, baseline, rules));
            findings.AddRange(ThrottlingRule.Find(results, outcomes, explained, baseline, rules));
        }

        if (findings.Count == 0)
        {
            return outcomes.Count > 0 ? new Verdict(VerdictState.Online, []) : Verdict.Unknown;
        }

        var ordered = findings.OrderByDescending(f => f.State).ToList();
        return new Verdict(ordered[0].State, ordered);
    }

    private static Finding? Connectivity(
        List<CheckResult> gateway, bool? gatewayUp, List<TargetOutcome> counted, Tally national, Tally international, bool reachedAny, bool trafficFlows)
    {
        if (gatewayUp == false && !trafficFlows)
        {
            return GatewayFinding(VerdictState.LocalFault, gateway);
        }

        if (gatewayUp != false && national.Judged + international.Judged > 0 && !reachedAny)
        {
            return GroupFinding(VerdictState.FullShutdown, counted.Where(o => o.Group != TargetGroup.Platform));
        }

        if (national.Reached > 0 && international.Judged > 0 && international.Reached == 0)
        {
            return GroupFinding(VerdictState.InternationalCut, counted.Where(o => o.Group == TargetGroup.International));
        }

        return null;
    }

    private static Finding GatewayFinding(VerdictState state, List<CheckResult> gateway) => new(
        state,
        null,
        FailureTally.SortedNames(gateway.Select(r => r.Target)),
        FailureTally.Dominant(gateway.Select(r => r.Failure)),
        FailureTally.KindName(CheckKind.Gateway));

    private static Finding GroupFinding(VerdictState state, IEnumerable<TargetOutcome> outcomes)
    {
        var failing = outcomes.Where(o => !o.Reachable).ToList();
        return new Finding(
            state,
            null,
            FailureTally.SortedNames(failing.Select(o => o.Name)),
            FailureTally.Dominant(failing.Select(o => o.Failure)),
            FailureTally.Dominant(failing.Select(o => o.FailedKind is CheckKind kind ? FailureTally.KindName(kind) : null)));
    }

    private readonly record struct Tally(int Judged, int Reached)
    {
        public static Tally Of(List<TargetOutcome> outcomes, TargetGroup group) => new(
            outcomes.Count(o => o.Group == group),
            outcomes.Count(o => o.Group == group && o.Reachable));
    }
}
