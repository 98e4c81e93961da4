namespace Probe.Tests.Cli;

/// <summary>
/// The language of the real executable's text: Probe.Language, else the locale, else English. Run against a published
/// binary too (PROBE_TEST_BINARY), where the French catalog must come from inside the NativeAOT binary.
/// </summary>
[TestFixture]
public sealed class LanguageCliTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    [TestCase("fr_SN.UTF-8")]
    [TestCase("fr_FR.UTF-8")]
    public async Task Help_FrenchLocale_IsFrench(string locale)
    {
        var run = await ProbeProcess.RunAsync(["--help", "--config", MissingConfig()], Timeout, Locale(locale));

        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        Assert.That(run.Stdout, Does.Contain("une sonde qui mesure les coupures").And.Contain("Utilisation"), run.ToString());
    }

    [Test]
    public async Task StatusHelp_FrenchLocale_DescribesCommandAndOptionInFrench()
    {
        var run = await ProbeProcess.RunAsync(["status", "--help", "--config", MissingConfig()], Timeout, Locale("fr_SN.UTF-8"));

        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        Assert.That(run.Stdout, Does.Contain("l’état de l’horloge").And.Contain("Affiche un objet JSON"), run.ToString());
    }

    [TestCase("C")]
    [TestCase("en_US.UTF-8")]
    public async Task Help_OtherLocale_IsEnglish(string locale)
    {
        var run = await ProbeProcess.RunAsync(["--help", "--config", MissingConfig()], Timeout, Locale(locale));

        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        Assert.That(run.Stdout, Does.Contain("an internet-shutdown measurement probe").And.Contain("Usage"), run.ToString());
    }

    [Test]
    public async Task Help_ProbeLanguageEnOverridesFrenchLocale_IsEnglish()
    {
        var environment = Locale("fr_SN.UTF-8");
        environment["PROBE__Language"] = "en";

        var run = await ProbeProcess.RunAsync(["--help", "--config", MissingConfig()], Timeout, environment);

        Assert.That(run.Stdout, Does.Contain("an internet-shutdown measurement probe"), run.ToString());
    }

    [Test]
    public async Task Status_FrenchLocaleNoVerdict_SaysOnlyRunRecordsVerdicts()
    {
        var dir = Directory.CreateTempSubdirectory("probe-lang-").FullName;
        try
        {
            var config = Path.Combine(dir, "probe.json");
            File.WriteAllText(config, $$"""{ "Probe": { "Id": "lang-01", "Store": { "Path": "{{dir}}/results.db" }, "Leds": { "Driver": "none" } } }""");

            var run = await ProbeProcess.RunAsync(["status", "--config", config], Timeout, Locale("fr_SN.UTF-8"));

            Assert.That(run.ExitCode, Is.Zero, run.ToString());
            Assert.That(run.Stdout, Does.Contain("dernier verdict").And.Contain("seul le service en marche (probe run) enregistre les verdicts"), run.ToString());
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Test]
    public async Task ConfigCheck_LanguageFromEnvironment_IsAccepted()
    {
        var environment = Locale("C");
        environment["PROBE__Language"] = "fr";
        var config = Path.GetTempFileName();
        try
        {
            File.WriteAllText(config, """{ "Probe": { "Id": "lang-02", "Leds": { "Driver": "none" } } }""");

            var run = await ProbeProcess.RunAsync(["config", "check", "--config", config], Timeout, environment);

            // The variable names the key Probe:Language (not Probe:Probe:Language, an unknown key that would exit 78).
            Assert.That(run.ExitCode, Is.Zero, run.ToString());
        }
        finally
        {
            File.Delete(config);
        }
    }

    private static Dictionary<string, string> Locale(string locale) => new()
    {
        ["LANG"] = locale,
        ["LC_ALL"] = "",
        ["LC_MESSAGES"] = "",
    };

    // --help never reads the machine's /etc/probe/probe.json: the language must come from the locale here.
    private static string MissingConfig() => Path.Combine(Path.GetTempPath(), "probe-lang-no-such-config.json");
}
