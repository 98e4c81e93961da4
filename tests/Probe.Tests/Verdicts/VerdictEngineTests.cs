using Probe.Checks;
using Probe.Targets;
using Probe.Verdicts;
using static Probe.Targets.TargetGroup;

using static Probe.Tests.Verdicts.VerdictEngineCases;

namespace Probe.Tests.Verdicts;

public sealed class VerdictEngineTests
{
    [TestCaseSource(typeof(VerdictEngineCases), nameof(VerdictEngineCases.All))]
    public void Evaluate_Case_GivesStateAndFindings(IReadOnlyList<CheckResult> results, string expectedState, string[] expectedFindings)
    {
        var verdict = CreateSut().Evaluate(results);

        Assert.Multiple(() =>
        {
            Assert.That(verdict.State.ToName(), Is.EqualTo(expectedState));
            Assert.That(verdict.Findings.Select(Describe), Is.EqualTo(expectedFindings));
        });
    }

    [Test]
    public void Evaluate_ManyTargetsWellAboveBaseline_Degraded()
    {
        var round = ResultsBuilder.Round().Gateway(true);
        foreach (var (name, group, platform) in Catalog)
        {
            round.Reachable(name, group, platform, ms: name.StartsWith('n') || name.StartsWith('i') ? 900 : 60);
        }

        var verdict = CreateSut().Evaluate(round.Build(), Baseline(50));

        Assert.That(verdict.Findings.Select(Describe), Is.EqualTo(new[] { "degraded targets=i1,i2,i3,n1,n2,n3" }));
    }

    [TestCase(200, TestName = "Evaluate_FourTimesTheMedianButUnder200MsMore_Online")]
    [TestCase(50, TestName = "Evaluate_AtTheMedian_Online")]
    public void Evaluate_SlowButNotWellAbove_Online(double nationalMs)
    {
        var round = ResultsBuilder.Round().Gateway(true);
        foreach (var (name, group, platform) in Catalog)
        {
            round.Reachable(name, group, platform, ms: name.StartsWith('n') ? nationalMs : 50);
        }

        Assert.That(CreateSut().Evaluate(round.Build(), Baseline(50)).State, Is.EqualTo(VerdictState.Online));
    }

    [Test]
    public void Evaluate_OneTargetWellAboveBaseline_Online()
    {
        var round = ResultsBuilder.Round().Gateway(true);
        foreach (var (name, group, platform) in Catalog)
        {
            round.Reachable(name, group, platform, ms: name == "n1" ? 2000 : 50);
        }

        Assert.That(CreateSut().Evaluate(round.Build(), Baseline(50)).State, Is.EqualTo(VerdictState.Online));
    }

    [Test]
    public void Evaluate_FailingTargetsThatNeverWorkedRecently_Online()
    {
        var round = Healthy("n1", "i2").FailsAt("n1", National, CheckKind.Tcp, Failures.GenericTimeout).FailsAt("i2", International, CheckKind.Tcp, Failures.GenericTimeout);
        var baseline = Baseline(50, except: ["n1", "i2"]);

        Assert.That(CreateSut().Evaluate(round.Build(), baseline).State, Is.EqualTo(VerdictState.Online));
    }

    [Test]
    public void Evaluate_FailingTargetsThatWorkedRecently_Degraded()
    {
        var round = Healthy("n1", "i2").FailsAt("n1", National, CheckKind.Tcp, Failures.GenericTimeout).FailsAt("i2", International, CheckKind.Tcp, Failures.GenericTimeout);

        Assert.That(CreateSut().Evaluate(round.Build(), Baseline(50)).State, Is.EqualTo(VerdictState.Degraded));
    }

    [Test]
    public void Evaluate_ReferencesDisagreeAmongThemselves_NoTamperingOnMismatch()
    {
        var results = Healthy("n3").SystemDnsRedirects("n3", National, tlsOk: false).Build().ToList();
        results.Add(results.First(r => r.Target == "n3" && r.Resolver == ResultsBuilder.Reference) with { Resolver = "cloudflare", Answers = ["192.0.2.200"] });

        var verdict = CreateSut(ResultsBuilder.Reference, "cloudflare").Evaluate(results);

        Assert.That(verdict.Findings.Select(f => f.State), Has.No.Member(VerdictState.DnsTampering));
    }

    [Test]
    public void Evaluate_ReferenceAlsoSaysNxdomain_NoTampering()
    {
        var results = Healthy("n2").SystemDnsFails("n2", National, Failures.DnsNxdomain).Build()
            .Select(r => r.Target == "n2" && r.Resolver == ResultsBuilder.Reference ? r with { Ok = false, Failure = Failures.DnsNxdomain, Answers = [] } : r)
            .ToList();

        Assert.That(CreateSut().Evaluate(results).State, Is.EqualTo(VerdictState.Online));
    }

    private static VerdictEngine CreateSut(params string[] references) =>
        new(new VerdictRules((references.Length == 0 ? [ResultsBuilder.Reference] : references).ToHashSet(StringComparer.Ordinal)));

    private static LatencyBaseline Baseline(double medianMs, string[]? except = null) => new(
        Catalog.Where(t => except is null || !except.Contains(t.Name))
            .SelectMany(t => new[] { CheckKind.Tcp, CheckKind.Tls, CheckKind.Http }.Select(k => LatencyBaseline.Key(t.Name, k)))
            .ToDictionary(k => k, _ => medianMs));

    private static string Describe(Finding finding)
    {
        var parts = new List<string> { finding.State.ToName() };
        if (finding.Platform is not null)
        {
            parts.Add($"platform={finding.Platform}");
        }

        parts.Add($"targets={string.Join(',', finding.Targets)}");
        if (finding.Kind is not null)
        {
            parts.Add($"kind={finding.Kind}");
        }

        if (finding.Failure is not null)
        {
            parts.Add($"failure={finding.Failure}");
        }

        if (finding.Resolver is not null)
        {
            parts.Add($"resolver={finding.Resolver}");
        }

        return string.Join(' ', parts);
    }
}
