namespace Probe.Verdicts;

/// <summary>One condition that holds: its state, and for blocks and tampering which platform, targets, how and through which resolver.</summary>
/// <param name="State">The state this finding supports.</param>
/// <param name="Platform">The platform affected (platform_block), if any.</param>
/// <param name="Targets">Targets that showed it.</param>
/// <param name="Failure">The dominant failure seen (e.g. connection_reset).</param>
/// <param name="Kind">How: the check kind that failed first (dns, tcp, tls, http).</param>
/// <param name="Resolver">For dns_tampering: the resolver that lied.</param>
/// <param name="How">For a degraded finding of a particular cause: <c>throttling</c>.</param>
/// <param name="Group">For throttling of a whole group: the group (international).</param>
/// <param name="Ratio">For throttling: the rate measured over the rate it was compared with (e.g. 0.05).</param>
public sealed record Finding(
    VerdictState State,
    string? Platform,
    IReadOnlyList<string> Targets,
    string? Failure,
    string? Kind = null,
    string? Resolver = null,
    string? How = null,
    string? Group = null,
    double? Ratio = null);
