namespace Probe.Tests.Cli;

/// <summary>The real executable's commands in French (LANG=fr_SN.UTF-8): config errors, config check, targets, export, leds test.</summary>
[Category("Integration")]
public sealed class FrenchCommandsTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    [TestCase("config check")]
    [TestCase("check")]
    [TestCase("targets")]
    public async Task AnyCommand_FrenchBadConfig_Exit78NamingTheKeyInFrench(string command)
    {
        await WithConfigAsync("""{ "Probe": { "Checks": { "Timeout": "-00:00:01" } } }""", async config =>
        {
            var run = await ProbeProcess.RunAsync([.. command.Split(' '), "--config", config], Timeout, French());

            Assert.That(run.ExitCode, Is.EqualTo(78), run.ToString());
            Assert.That(run.Stderr, Does.StartWith("erreur de configuration : Probe:Checks:Timeout : "), run.ToString());
        });
    }

    [TestCase("""{ "Probe": { "Schedule": { "SentinelIntervall": "00:00:10" } } }""", "Probe:Schedule:SentinelIntervall", "clé inconnue ; vouliez-vous dire \"SentinelInterval\" ?")]
    [TestCase("""{ "Probe": { "Schedule": { "MaxConcurrency": "huit" } } }""", "Probe:Schedule:MaxConcurrency", "« huit » n’est pas un nombre entier")]
    [TestCase("""{ "Probe": { "Schedule": { "MaxConcurrency": 99 } } }""", "Probe:Schedule:MaxConcurrency", "99 est hors limites : donnez une valeur de 1 à 64")]
    [TestCase("""{ "Probe": { "Sink": { "Kind": "influx2", "Url": "https://tsdb.example.org" } } }""", "Probe:Sink:Org", "obligatoire quand Kind vaut influx2")]
    [TestCase("""{ "Probe": { "Leds": { "Driver": "laser" } } }""", "Probe:Leds:Driver", "« laser » n’est pas un pilote de voyants : gpio, log ou none")]
    [TestCase("""{ "Probe": { "Targets": { "Items": [ { "Name": "a", "Url": "https://a.sn/", "Group": "regional" } ] } } }""", "Probe:Targets:Items:0:Group", "« regional » n’est pas un groupe : national, international ou platform")]
    [TestCase("""{ "Probe": { "Targets": { "Files": [ "/nonexistent/targets.csv" ] } } }""", "Probe:Targets:Files:0", "fichier de cibles introuvable : /nonexistent/targets.csv")]
    public async Task ConfigCheck_FrenchProblem_ExplainsInFrenchNamingTheKey(string json, string key, string problem)
    {
        await WithConfigAsync(json, async config =>
        {
            var run = await ProbeProcess.RunAsync(["config", "check", "--config", config], Timeout, French());

            Assert.That(run.ExitCode, Is.EqualTo(78), run.ToString());
            Assert.That(run.Stderr, Does.Contain($"erreur de configuration : {key} : {problem}"), run.ToString());
        });
    }

    [Test]
    public async Task ConfigCheck_FrenchMissingFile_Exit78InFrench()
    {
        var run = await ProbeProcess.RunAsync(["config", "check", "--config", "/nonexistent/probe.json"], Timeout, French());

        Assert.That(run.ExitCode, Is.EqualTo(78), run.ToString());
        Assert.That(run.Stderr, Does.Contain("erreur de configuration : /nonexistent/probe.json : fichier introuvable"), run.ToString());
    }

    [Test]
    public async Task Check_FrenchAllReachable_TableAndExplanationInFrenchJsonUnchanged()
    {
        using var world = LoopbackWorld.Start();

        var table = await ProbeProcess.RunAsync(["check", "--no-store", "--config", world.ConfigPath], Timeout, French());
        var json = await ProbeProcess.RunAsync(["check", "--no-store", "--json", "--config", world.ConfigPath], Timeout, French());

        Assert.Multiple(() =>
        {
            Assert.That(table.ExitCode, Is.Zero, table.ToString());
            Assert.That(table.Stdout, Does.Match(@"TYPE\s+CIBLE\s+GROUPE"), table.ToString());
            Assert.That(table.Stdout, Does.Contain("verdict : online").And.Contain("Tout répond comme prévu"), table.ToString());
            Assert.That(table.Stdout, Does.Match(@"http\s+whatsapp-web\s+platform"), table.ToString());
            using var document = System.Text.Json.JsonDocument.Parse(json.Stdout);
            Assert.That(document.RootElement.GetProperty("verdict").GetProperty("state").GetString(), Is.EqualTo("online"), json.ToString());
        });
    }

    [Test]
    public async Task ConfigCheck_French_SaysValidInFrench()
    {
        await WithConfigAsync("""{ "Probe": { "Id": "fr-01", "Leds": { "Driver": "none" } } }""", async config =>
        {
            var run = await ProbeProcess.RunAsync(["config", "check", "--config", config], Timeout, French());

            Assert.That(run.ExitCode, Is.Zero, run.ToString());
            Assert.That(run.Stderr, Does.Contain($"configuration valable ({config})"), run.ToString());
        });
    }

    [Test]
    public async Task Targets_French_HeadingsAndSummaryInFrench()
    {
        await WithConfigAsync("""{ "Probe": { "Id": "fr-02", "Leds": { "Driver": "none" } } }""", async config =>
        {
            var run = await ProbeProcess.RunAsync(["targets", "--config", config], Timeout, French());

            Assert.That(run.ExitCode, Is.Zero, run.ToString());
            Assert.That(run.Stdout, Does.Match(@"NOM\s+GROUPE\s+PLATEFORME\s+SENTINELLE\s+URL/HÔTE\s+PORTS\s+ORIGINE"), run.ToString());
            Assert.That(run.Stdout, Does.Match(@"\d+ cibles, dont \d+ sentinelles ; \d+ national"), run.ToString());
        });
    }

    [Test]
    public async Task Export_FrenchBadSince_ExplainsInFrenchAndExitsUsage()
    {
        var run = await ProbeProcess.RunAsync(["export", "--since", "hier", "--config", MissingConfig()], Timeout, French());

        Assert.That(run.ExitCode, Is.EqualTo(64), run.ToString());
        Assert.That(run.Stderr, Does.Contain("--since : « hier » n’est ni une heure ISO 8601"), run.ToString());
    }

    [Test]
    public async Task Export_French_CountsPointsInFrench()
    {
        var dir = Directory.CreateTempSubdirectory("probe-fr-").FullName;
        try
        {
            var config = Path.Combine(dir, "probe.json");
            File.WriteAllText(config, $$"""{ "Probe": { "Id": "fr-03", "Store": { "Path": "{{dir}}/results.db" }, "Leds": { "Driver": "none" } } }""");

            var run = await ProbeProcess.RunAsync(["export", "--output", Path.Combine(dir, "out.lp"), "--config", config], Timeout, French());

            Assert.That(run.ExitCode, Is.Zero, run.ToString());
            Assert.That(run.Stderr, Does.Contain("0 points exportés dans"), run.ToString());
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Test]
    public async Task LedsTest_French_HeaderAndEndInFrenchLedNamesInEnglish()
    {
        await WithConfigAsync("""{ "Probe": { "Id": "fr-04", "Leds": { "Driver": "log" } } }""", async config =>
        {
            var run = await ProbeProcess.RunAsync(["leds", "test", "--dwell", "0", "--config", config], Timeout, French());

            Assert.That(run.ExitCode, Is.Zero, run.ToString());
            Assert.That(run.Stdout, Does.StartWith("Essai des voyants, pilote log, broches power 17"), run.ToString());
            Assert.That(run.Stdout, Does.Contain("net-red   fast_blink").And.Contain("tous les voyants éteints : essai terminé"), run.ToString());
        });
    }

    [Test]
    public async Task LedsTest_FrenchNegativeDwell_ExplainsInFrench()
    {
        await WithConfigAsync("""{ "Probe": { "Id": "fr-05", "Leds": { "Driver": "none" } } }""", async config =>
        {
            var run = await ProbeProcess.RunAsync(["leds", "test", "--dwell", "-1", "--config", config], Timeout, French());

            Assert.That(run.ExitCode, Is.EqualTo(64), run.ToString());
            Assert.That(run.Stderr, Does.Contain("--dwell : donnez zéro seconde ou plus"), run.ToString());
        });
    }

    private static async Task WithConfigAsync(string json, Func<string, Task> test)
    {
        var config = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(config, json);
            await test(config);
        }
        finally
        {
            File.Delete(config);
        }
    }

    private static Dictionary<string, string> French() => new()
    {
        ["LANG"] = "fr_SN.UTF-8",
        ["LC_ALL"] = "",
        ["LC_MESSAGES"] = "",
    };

    private static string MissingConfig() => Path.Combine(Path.GetTempPath(), "probe-fr-no-such-config.json");
}
