using Probe.Localization;

namespace Probe.Tests.Localization;

public sealed class LanguageChoiceTests
{
    private string _dir = "";

    [SetUp]
    public void SetUp() => _dir = Directory.CreateTempSubdirectory("probe-lang-").FullName;

    [TearDown]
    public void TearDown() => Directory.Delete(_dir, recursive: true);

    [TestCase("fr_SN.UTF-8", "fr")]
    [TestCase("fr", "fr")]
    [TestCase("fr_FR@euro", "fr")]
    [TestCase("en_US.UTF-8", "en")]
    [TestCase("C.UTF-8", "en")]
    [TestCase("POSIX", "en")]
    [TestCase("wo_SN.UTF-8", "en")]
    public void Resolve_LangOnly_FollowsTheLocaleElseEnglish(string lang, string expected)
    {
        Assert.That(Resolve(new() { ["LANG"] = lang }).Language, Is.EqualTo(expected));
    }

    [Test]
    public void Resolve_LcAllAndLang_LcAllWins()
    {
        Assert.That(Resolve(new() { ["LC_ALL"] = "en_GB.UTF-8", ["LC_MESSAGES"] = "fr_SN", ["LANG"] = "fr_SN" }).Language, Is.EqualTo("en"));
        Assert.That(Resolve(new() { ["LC_MESSAGES"] = "fr_SN", ["LANG"] = "en_US" }).Language, Is.EqualTo("fr"));
    }

    [Test]
    public void Resolve_ConfiguredLanguage_WinsOverTheLocale()
    {
        var config = Write("""{ "Probe": { "language": "fr" } }""");
        Assert.That(Resolve(new() { ["LANG"] = "en_US.UTF-8" }, config).Language, Is.EqualTo("fr"));
    }

    [Test]
    public void Resolve_EnvironmentOverride_WinsOverTheFile()
    {
        var config = Write("""{ "Probe": { "Language": "fr" } }""");
        Assert.That(Resolve(new() { [LanguageChoice.EnvironmentKey] = "en" }, config).Language, Is.EqualTo("en"));
    }

    [TestCase("{ not json")]
    [TestCase("""{ "Probe": { "Language": 7 } }""")]
    [TestCase("""{ "Probe": { "Language": "wolof" } }""")]
    [TestCase("[]")]
    public void Resolve_UnusableConfiguredLanguage_FallsBackToTheLocale(string json)
    {
        Assert.That(Resolve(new() { ["LANG"] = "fr_SN.UTF-8" }, Write(json)).Language, Is.EqualTo("fr"));
    }

    [Test]
    public void Resolve_NoFileNoLocale_English()
    {
        Assert.That(Resolve(new(), Path.Combine(_dir, "missing.json")).Language, Is.EqualTo("en"));
    }

    private TextCatalog Resolve(Dictionary<string, string> environment, string? config = null) =>
        LanguageChoice.Resolve(config ?? Path.Combine(_dir, "none.json"), environment.GetValueOrDefault);

    private string Write(string json)
    {
        var path = Path.Combine(_dir, "probe.json");
        File.WriteAllText(path, json);
        return path;
    }
}
