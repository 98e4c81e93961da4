using Probe.Checks;

namespace Probe.Verdicts;

/// <summary>Reduces the results of one evaluation to one outcome per target.</summary>
internal static class TargetOutcomes
{
    // Connection stages in the order a client goes through them; dns (system resolvers) comes first.
    private static readonly CheckKind[] ConnectionStages = [CheckKind.Tcp, CheckKind.Tls, CheckKind.Http];

    public static IReadOnlyList<TargetOutcome> From(IReadOnlyList<CheckResult> results, VerdictRules rules)
    {
        var outcomes = new List<TargetOutcome>();
        foreach (var target in results.Where(r => r.Group is not null && r.Kind != CheckKind.Gateway).GroupBy(r => r.Target, StringComparer.Ordinal))
        {
            var outcome = Judge(target.Key, target.ToList(), rules);
            if (outcome is not null)
            {
                outcomes.Add(outcome);
            }
        }

        return outcomes;
    }

    /// <summary>
    /// A check that reached the service. An HTTP response with an unexpected status still proves the
    /// path works end to end (API and CDN hosts answer "/" with 403 or 404 every day); a block
    /// shows earlier, in dns, tcp or tls, or as no response at all.
    /// </summary>
    private static bool Answered(CheckResult r) =>
        r.Ok || (r.Kind == CheckKind.Http && r.Failure == Failures.HttpUnexpectedStatusCode);

    /// <summary>Null when the results say nothing about reachability (e.g. only reference lookups, or dns that worked with no connection tried).</summary>
    private static TargetOutcome? Judge(string name, List<CheckResult> results, VerdictRules rules)
    {
        var first = results[0];
        var systemDns = results.Where(r => r.Kind == CheckKind.Dns && !rules.IsReference(r.Resolver)).ToList();
        var referenceAnswered = results.Any(r => r.Kind == CheckKind.Dns && rules.IsReference(r.Resolver) && r.Ok && r.Answers.Count > 0);
        var connection = results.Where(r => r.Kind is CheckKind.Tcp or CheckKind.Tls or CheckKind.Http).ToList();
        var tlsProven = results.Any(r => r.Kind == CheckKind.Tls && r.Ok);

        if (connection.Count > 0)
        {
            var deepest = connection.Max(r => r.Kind);
            var deepestOk = connection.Where(r => r.Kind == deepest && Answered(r)).MinBy(r => r.Ms);
            if (deepestOk is not null)
            {
                return new TargetOutcome(name, first.Group!.Value, first.Platform, true, null, null, false, tlsProven, deepestOk);
            }

            var (kind, failure) = FirstFailedStage(systemDns, connection);
            return new TargetOutcome(name, first.Group!.Value, first.Platform, false, kind, failure, kind == CheckKind.Dns && referenceAnswered, tlsProven, null);
        }

        if (systemDns.Count > 0 && !systemDns.Any(r => r.Ok))
        {
            var failure = FailureTally.Dominant(systemDns.Select(r => r.Failure));
            return new TargetOutcome(name, first.Group!.Value, first.Platform, false, CheckKind.Dns, failure, referenceAnswered, false, null);
        }

        return null;
    }

    private static (CheckKind Kind, string? Failure) FirstFailedStage(List<CheckResult> systemDns, List<CheckResult> connection)
    {
        if (systemDns.Count > 0 && !systemDns.Any(r => r.Ok))
        {
            return (CheckKind.Dns, FailureTally.Dominant(systemDns.Select(r => r.Failure)));
        }

        foreach (var stage in ConnectionStages)
        {
            var attempts = connection.Where(r => r.Kind == stage).ToList();
            if (attempts.Count > 0 && !attempts.Any(r => r.Ok))
            {
                return (stage, FailureTally.Dominant(attempts.Select(r => r.Failure)));
            }
        }

        // Every stage had a success but not on the deepest attempt set: blame the deepest.
        var deepest = connection.Max(r => r.Kind);
        return (deepest, FailureTally.Dominant(connection.Where(r => r.Kind == deepest).Select(r => r.Failure)));
    }
}
