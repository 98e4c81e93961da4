using Probe.Checks;
using Probe.Targets;
using Probe.Verdicts;

namespace Probe.Tests.Verdicts;

/// <summary>degraded, how throttling, through the engine: medians, the controls of the same pass, the baseline, the ceiling.</summary>
public sealed class ThrottlingRuleTests
{
    private static VerdictEngine CreateSut() => new(new VerdictRules(new HashSet<string> { ResultsBuilder.Reference }));

    /// <summary>Two national, three international controls at the given rates, then whatever <paramref name="more"/> adds.</summary>
    private static IReadOnlyList<CheckResult> Pass(double national, double international, Func<ResultsBuilder, ResultsBuilder>? more = null)
    {
        var b = ResultsBuilder.Round().Gateway(true)
            .Throughput("nat-1", TargetGroup.National, national)
            .Throughput("nat-2", TargetGroup.National, national * 1.3)
            .Throughput("int-1", TargetGroup.International, international)
            .Throughput("int-2", TargetGroup.International, international * 0.7)
            .Throughput("int-3", TargetGroup.International, international * 1.5);
        return (more?.Invoke(b) ?? b).Build();
    }

    private static LatencyBaseline Usual(params (string Target, double Kbps)[] rates) =>
        new(new Dictionary<string, double>()) { MedianKbpsByTarget = rates.ToDictionary(r => r.Target, r => r.Kbps) };

    [Test]
    public void Evaluate_PlatformAtATwentiethOfTheControls_DegradedThrottlingWithPlatformAndRatio()
    {
        var results = Pass(1500, 1200, b => b.Throughput("tiktok-cdn", TargetGroup.Platform, 60, "tiktok").Throughput("wa-media", TargetGroup.Platform, 1100, "whatsapp"));

        var verdict = CreateSut().Evaluate(results);

        Assert.That(verdict.State, Is.EqualTo(VerdictState.Degraded));
        Assert.That(verdict.Findings, Is.EqualTo(new[]
        {
            new Finding(VerdictState.Degraded, "tiktok", verdict.Findings[0].Targets, null, "throughput", How: "throttling", Ratio: 0.05),
        }));
        Assert.That(verdict.Findings[0].Targets, Is.EqualTo(new[] { "tiktok-cdn" }));
    }

    [Test]
    public void Evaluate_OneSlowHostOfThree_MedianKeepsThePlatformOnline()
    {
        var results = Pass(1500, 1200, b => b
            .Throughput("x-1", TargetGroup.Platform, 50, "x").Throughput("x-2", TargetGroup.Platform, 900, "x").Throughput("x-3", TargetGroup.Platform, 1000, "x"));

        Assert.That(CreateSut().Evaluate(results).State, Is.EqualTo(VerdictState.Online));
    }

    [Test]
    public void Evaluate_PlatformAlwaysThatSlow_BaselineKeepsItOnline()
    {
        var results = Pass(1500, 1200, b => b.Throughput("tiktok-cdn", TargetGroup.Platform, 200, "tiktok"));

        var verdict = CreateSut().Evaluate(results, Usual(("tiktok-cdn", 220)));

        Assert.That(verdict.State, Is.EqualTo(VerdictState.Online));
    }

    [Test]
    public void Evaluate_PlatformFarBelowItsBaselineToo_Throttled()
    {
        var results = Pass(1500, 1200, b => b.Throughput("tiktok-cdn", TargetGroup.Platform, 100, "tiktok"));

        var verdict = CreateSut().Evaluate(results, Usual(("tiktok-cdn", 1300)));

        Assert.That(verdict.Findings.Select(f => (f.How, f.Platform)), Is.EqualTo(new[] { ("throttling", "tiktok") }));
    }

    [Test]
    public void Evaluate_InternationalAtATenthOfNational_GroupThrottledNoPlatformFinding()
    {
        // Medians: international 120 (of 84, 120, 180) over national 1725 (of 1500, 1950).
        var results = Pass(1500, 120, b => b.Throughput("tiktok-cdn", TargetGroup.Platform, 100, "tiktok"));

        var finding = CreateSut().Evaluate(results).Findings.Single();

        Assert.That((finding.How, finding.Group, finding.Platform, finding.Ratio), Is.EqualTo(("throttling", "international", (string?)null, 0.0696)));
        Assert.That(finding.Targets, Is.EqualTo(new[] { "int-1", "int-2", "int-3" }));
    }

    [Test]
    public void Evaluate_InternationalFarBelowItsBaselineNationalAsUsual_GroupThrottled()
    {
        // No national rate to compare in the pass as a ratio (national is slow itself), but both have baselines.
        var results = Pass(400, 150);
        var usual = Usual(("nat-1", 500), ("nat-2", 600), ("int-1", 1500), ("int-2", 1500), ("int-3", 1500));

        var finding = CreateSut().Evaluate(results, usual).Findings.Single();

        Assert.That((finding.How, finding.Group), Is.EqualTo(("throttling", "international")));
    }

    [Test]
    public void Evaluate_EverythingSlowerThanUsual_BusyLineNoFinding()
    {
        var results = Pass(100, 150);
        var usual = Usual(("nat-1", 500), ("nat-2", 600), ("int-1", 1500), ("int-2", 1500), ("int-3", 1500));

        Assert.That(CreateSut().Evaluate(results, usual).State, Is.EqualTo(VerdictState.Online));
    }

    [Test]
    public void Evaluate_PlatformFarBelowFastControlsButAboveTheCeiling_NoFinding()
    {
        var results = Pass(400_000, 900_000, b => b.Throughput("tiktok-cdn", TargetGroup.Platform, 50_000, "tiktok"));

        Assert.That(CreateSut().Evaluate(results).State, Is.EqualTo(VerdictState.Online));
    }

    [Test]
    public void Evaluate_OneInternationalControlMeasured_NoPlatformJudgement()
    {
        var results = ResultsBuilder.Round().Gateway(true)
            .Throughput("int-1", TargetGroup.International, 1200)
            .Throughput("tiktok-cdn", TargetGroup.Platform, 50, "tiktok")
            .Build();

        Assert.That(CreateSut().Evaluate(results).State, Is.EqualTo(VerdictState.Online));
    }

    [Test]
    public void Evaluate_PlatformBlockedWithAnOldRate_BlockOnlyNoThrottling()
    {
        var results = Pass(1500, 1200, b => b.FailsAt("tiktok-cdn", TargetGroup.Platform, CheckKind.Tls, Failures.ConnectionReset, "tiktok")).ToList();
        results.Add(results.First(r => r.Kind == CheckKind.Throughput) with { Target = "tiktok-cdn", Group = TargetGroup.Platform, Platform = "tiktok", Kbps = 40 });

        var verdict = CreateSut().Evaluate(results);

        Assert.That(verdict.Findings.Select(f => (f.State, f.How)), Is.EqualTo(new[] { (VerdictState.PlatformBlock, (string?)null) }));
    }

    [Test]
    public void Evaluate_RatesTooSmallToTime_NoFinding()
    {
        var results = Pass(1500, 1200, b => b.Throughput("tiktok-cdn", TargetGroup.Platform, null, "tiktok"));

        Assert.That(CreateSut().Evaluate(results).State, Is.EqualTo(VerdictState.Online));
    }
}
