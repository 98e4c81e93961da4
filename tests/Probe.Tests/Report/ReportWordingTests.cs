using Probe.Localization;
using Probe.Report;

namespace Probe.Tests.Report;

public sealed class ReportWordingTests
{
    [TestCase("en", 1, "1 incident")]
    [TestCase("en", 2, "2 incidents")]
    [TestCase("en", 0, "0 incidents")]
    [TestCase("fr", 0, "0 incident")]
    [TestCase("fr", 1, "1 incident")]
    [TestCase("fr", 2, "2 incidents")]
    public void Incidents_Count_SingularOrPluralAsTheLanguageSays(string language, long n, string expected) =>
        Assert.That(CreateSut(language).Incidents(n), Is.EqualTo(expected));

    [TestCase("en", 3600, "1 hour")]
    [TestCase("en", 7500, "2 hours and 5 minutes")]
    [TestCase("en", 61, "1 minute and 1 second")]
    [TestCase("en", 90_000, "1 day and 1 hour")]
    [TestCase("fr", 3600, "1 heure")]
    [TestCase("fr", 7260, "2 heures et 1 minute")]
    [TestCase("fr", 45, "45 secondes")]
    [TestCase("fr", 172_800, "2 jours")]
    public void Duration_Seconds_InWords(string language, double seconds, string expected) =>
        Assert.That(CreateSut(language).Duration(seconds), Is.EqualTo(expected));

    [TestCase("en", "1 incident seen by 1 probe between")]
    [TestCase("fr", "1 incident vu par 1 sonde entre le")]
    public async Task Summary_OneIncidentOneProbe_NoPluralAndNoParenthesisedS(string language, string start)
    {
        var rows = new List<ReportRow>
        {
            Verdict("online", 0), Verdict("international_cut", 60), Check(70), Verdict("online", 3660),
        };
        var model = await ReportBuilder.BuildAsync(new ListRows(rows), null, null, DateTimeOffset.UnixEpoch, "test", CancellationToken.None);
        var sut = CreateSut(language);

        var lines = sut.Summary(model!).ToList();
        var cells = sut.Cells(model!.Incidents[0]);

        Assert.That(lines[0], Does.StartWith(start));
        Assert.That(lines[1], Does.EndWith(language == "fr" ? "(1 heure)." : "(1 hour)."));
        Assert.That(cells, Has.Some.StartWith(language == "fr" ? "1 test, 1 en échec" : "1 check, 1 failed"));
        Assert.That(string.Join(" ", lines.Concat(cells)), Does.Not.Contain("(s)").And.Not.Contain(" 1 incidents").And.Not.Contain("1 checks").And.Not.Contain("1 tests"));
    }

    [Test]
    public void Stems_EveryPluralKey_HasBothFormsInBothLanguages()
    {
        foreach (var language in TextCatalog.Languages)
        {
            var own = TextCatalog.For(language).OwnTexts();
            foreach (var stem in ReportPlural.Stems)
            {
                Assert.That(own.Keys, Does.Contain(stem + ".one").And.Contain(stem + ".other"), $"{language}: {stem}");
            }
        }
    }

    private static ReportWording CreateSut(string language) => new(TextCatalog.For(language));

    private static ReportRow Verdict(string state, long seconds) =>
        new("probe_verdict", new Dictionary<string, string> { ["probe"] = "p1", ["region"] = "Dakar" },
            new Dictionary<string, object> { ["state"] = state, ["findings"] = "[]" }, 1_800_000_000_000 + (seconds * 1000));

    private static ReportRow Check(long seconds) =>
        new("probe_check", new Dictionary<string, string> { ["probe"] = "p1", ["target"] = "intl", ["kind"] = "tcp", ["group"] = "international", ["failure"] = "generic_timeout_error" },
            new Dictionary<string, object> { ["ok"] = false }, 1_800_000_000_000 + (seconds * 1000));
}
