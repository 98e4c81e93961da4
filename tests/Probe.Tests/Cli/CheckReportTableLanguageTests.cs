using Probe.Checks;
using Probe.Cli;
using Probe.Localization;
using Probe.Targets;
using Probe.Tests.Verdicts;
using Probe.Verdicts;

namespace Probe.Tests.Cli;

/// <summary><c>probe check</c>'s table in French and English: translated headings and explanations, English state names and failures.</summary>
public sealed class CheckReportTableLanguageTests
{
    [Test]
    public void Write_French_HeadingsSummaryAndExplanationInFrenchStateAndFailureInEnglish()
    {
        var text = Render(CreateSut(VerdictState.PlatformBlock), "fr");

        Assert.Multiple(() =>
        {
            Assert.That(text, Does.StartWith("sonde lab 0.1 · tournée commencée le "));
            Assert.That(text, Does.Contain("1 tests, 1 en échec"));
            Assert.That(text, Does.Match(@"TYPE\s+CIBLE\s+GROUPE\s+VIA\s+ADRESSE\s+PORT\s+RÉSULTAT\s+MS\s+DÉTAIL"));
            Assert.That(text, Does.Match(@"tls\s+tiktok\s+platform\s+.*connection_reset"));
            Assert.That(text, Does.Contain("verdict : platform_block"));
            Assert.That(text, Does.Contain("elles semblent bloquées").And.Contain("Prévenez le coordinateur"));
            Assert.That(text, Does.Contain("cibles : tiktok"));
            Assert.That(text, Does.Contain("seul le service en marche (probe run) enregistre les verdicts"));
        });
    }

    [Test]
    public void Write_English_KeepsTheEnglishTable()
    {
        var text = Render(CreateSut(VerdictState.PlatformBlock), "en");

        Assert.Multiple(() =>
        {
            Assert.That(text, Does.Match(@"KIND\s+TARGET\s+GROUP\s+VIA\s+ADDRESS\s+PORT\s+RESULT\s+MS\s+DETAIL"));
            Assert.That(text, Does.Contain("verdict: platform_block"));
            Assert.That(text, Does.Contain("targets: tiktok"));
            Assert.That(text, Does.Contain("only the running service (probe run) records verdicts"));
        });
    }

    [Test]
    public void Write_EveryState_HasItsOwnExplanationInBothLanguages()
    {
        Assert.Multiple(() =>
        {
            foreach (var language in TextCatalog.Languages)
            {
                var explanations = Enum.GetValues<VerdictState>().Select(s => TextCatalog.For(language)["check.explain." + s.ToName()]).ToList();
                Assert.That(explanations, Has.None.StartsWith("["), language);
                Assert.That(explanations, Is.Unique, language);
                foreach (var state in Enum.GetValues<VerdictState>())
                {
                    Assert.That(Render(CreateSut(state), language), Does.Contain(TextCatalog.For(language)["check.explain." + state.ToName()]), $"{language} {state}");
                }
            }
        });
    }

    [Test]
    public void Write_FindingOfAnotherState_ExplainsThatStateToo()
    {
        var report = CreateSut(VerdictState.InternationalCut) with
        {
            Verdict = new Verdict(VerdictState.InternationalCut, [new Finding(VerdictState.DnsTampering, null, ["x"], "dns_nxdomain_error", "dns", "system")]),
        };

        var text = Render(report, "fr");

        Assert.That(text, Does.Contain("dns_tampering: " + TextCatalog.For("fr")["check.explain.dns_tampering"]).And.Contain("résolveur system"));
    }

    private static string Render(CheckReport report, string language)
    {
        using var output = new StringWriter();
        CheckReportTable.Write(output, report, TextCatalog.For(language));
        return output.ToString();
    }

    private static CheckReport CreateSut(VerdictState state)
    {
        var result = new CheckResult
        {
            Target = "tiktok",
            Group = TargetGroup.Platform,
            Platform = "tiktok",
            Kind = CheckKind.Tls,
            Host = "www.tiktok.test",
            Address = "127.3.0.1",
            Port = 443,
            Ok = false,
            Failure = "connection_reset",
            Ms = 12.5,
            Clock = ResultsBuilder.Clock,
        };
        Finding[] findings = state == VerdictState.PlatformBlock ? [new Finding(VerdictState.PlatformBlock, "tiktok", ["tiktok"], "connection_reset", "tls")] : [];
        return new CheckReport("lab", "0.1", ResultsBuilder.Clock.Wall, [result], new Verdict(state, findings));
    }
}
