using Probe.Configuration;

namespace Probe.Tests.Configuration;

/// <summary>Every kind of bad input ends in one problem that names the key and says what is wrong.</summary>
public sealed class ConfigurationErrorTests
{
    private const string Item = "\"Targets\": { \"Items\": [ { \"Name\": \"t\", \"Url\": \"https://a.example/\", ";

    private static readonly object[] BadInputs =
    [
        // Values of the wrong type.
        Case("\"Gateway\": { \"Ports\": [\"abc\"] }", "Probe:Gateway:Ports:0", "'abc' is not a whole number"),
        Case("\"Schedule\": { \"SentinelInterval\": \"xyz\" }", "Probe:Schedule:SentinelInterval", "'xyz' is not a time span"),
        Case("\"Schedule\": { \"RoundInterval\": \"10\" }", "Probe:Schedule:RoundInterval", "write hh:mm:ss"),
        Case(Item + "\"Sentinel\": \"yes\" } ] }", "Probe:Targets:Items:0:Sentinel", "'yes' is not true or false"),
        Case("\"Schedule\": { \"Jitter\": \"lots\" }", "Probe:Schedule:Jitter", "'lots' is not a number"),
        Case("\"Gateway\": { \"Ports\": 443 }", "Probe:Gateway:Ports", "expected a list"),
        Case("\"Sink\": \"influx2\"", "Probe:Sink", "expected an object"),
        Case("\"Id\": { \"Name\": \"x\" }", "Probe:Id", "expected a single value"),
        // Unknown keys (typos in hand-edited JSON).
        Case(Item + "\"Sentinell\": true } ] }", "Probe:Targets:Items:0:Sentinell", "unknown key; did you mean \"Sentinel\"?"),
        Case("\"Sink\": { \"Tokn\": \"x\" }", "Probe:Sink:Tokn", "did you mean \"Token\"?"),
        Case("\"Leds\": { \"Pins\": { \"Blue\": 5 } }", "Probe:Leds:Pins:Blue", "unknown key"),
        // Identity.
        Case("\"Id\": \"dakar plateau!\"", "Probe:Id", "not a valid probe id"),
        Case("\"Asn\": -5", "Probe:Asn", "not an AS number"),
        // Gateway.
        Case("\"Gateway\": { \"Address\": \"router\" }", "Probe:Gateway:Address", "is not \"auto\" or an IP address"),
        Case("\"Gateway\": { \"Ports\": [53, 0] }", "Probe:Gateway:Ports:1", "0 is not a port"),
        // Targets.
        Case(Item + "\"Group\": \"regional\" } ] }", "Probe:Targets:Items:0:Group", "'regional' is not a group"),
        Case("\"Targets\": { \"Items\": [ { \"Name\": \"t\", \"Url\": \"www.seneweb.com\" } ] }", "Probe:Targets:Items:0:Url", "not an absolute http or https URL"),
        Case("\"Targets\": { \"Items\": [ { \"Name\": \"t\", \"Url\": \"ftp://a.example/\" } ] }", "Probe:Targets:Items:0:Url", "not an absolute http or https URL"),
        Case("\"Targets\": { \"Items\": [ { \"Name\": \"t\", \"Group\": \"national\" } ] }", "Probe:Targets:Items:0", "needs a Url (http/https) or a Host"),
        Case("\"Targets\": { \"Items\": [ { \"Name\": \"t\", \"Host\": \"bad host\" } ] }", "Probe:Targets:Items:0:Host", "not a host name"),
        Case(Item + "\"Host\": \"b.example\" } ] }", "Probe:Targets:Items:0:Host", "differs from the host of Url"),
        Case("\"Targets\": { \"Items\": [ { \"Name\": \"a\", \"Host\": \"a.example\" }, { \"Name\": \"A\", \"Host\": \"b.example\" } ] }", "Probe:Targets:Items:1:Name", "duplicate target name 'A'"),
        Case(Item + "\"Ports\": [443, 70000] } ] }", "Probe:Targets:Items:0:Ports:1", "70000 is not a port"),
        Case(Item + "\"Addresses\": [\"192.0.2\"] } ] }", "Probe:Targets:Items:0:Addresses:0", "'192.0.2' is not an IP address"),
        Case(Item + "\"Group\": \"platform\" } ] }", "Probe:Targets:Items:0:Platform", "required for group platform"),
        Case(Item + "\"Platform\": \"whatsapp\" } ] }", "Probe:Targets:Items:0:Platform", "only for group platform"),
        Case("\"Targets\": { \"Items\": [ { \"Name\": \"bad name\", \"Host\": \"a.example\" } ] }", "Probe:Targets:Items:0:Name", "not a valid target name"),
        Case("\"Targets\": { \"Files\": [\"{dir}/missing.csv\"] }", "Probe:Targets:Files:0", "targets file not found"),
        Case("\"Targets\": { \"Files\": [{ \"Path\": \"{dir}\" }] }", "Probe:Targets:Files:0", "cannot read targets file"),
        Case("\"Targets\": { \"Files\": [{ \"Path\": \"{dir}/probe.json\", \"Group\": \"local\" }] }", "Probe:Targets:Files:0:Group", "'local' is not a group"),
        Case("\"Targets\": { \"UseDefaults\": false }", "Probe:Targets", "no targets"),
        // Schedule.
        Case("\"Schedule\": { \"SentinelInterval\": \"00:00:00\" }", "Probe:Schedule:SentinelInterval", "must be longer than zero"),
        Case("\"Schedule\": { \"RoundInterval\": \"-00:05:00\" }", "Probe:Schedule:RoundInterval", "must be longer than zero"),
        Case("\"Schedule\": { \"Jitter\": 0.7 }", "Probe:Schedule:Jitter", "must be 0 to 0.5"),
        Case("\"Schedule\": { \"MaxConcurrency\": 0 }", "Probe:Schedule:MaxConcurrency", "must be 1 to 64"),
        Case("\"Schedule\": { \"MaxConcurrency\": 65 }", "Probe:Schedule:MaxConcurrency", "must be 1 to 64"),
        Case("\"Schedule\": { \"ConfirmRounds\": 21 }", "Probe:Schedule:ConfirmRounds", "must be 1 to 20"),
        // Checks.
        Case("\"Checks\": { \"Timeout\": \"00:00:00\" }", "Probe:Checks:Timeout", "must be longer than zero"),
        Case("\"Checks\": { \"HttpBodyLimitBytes\": 0 }", "Probe:Checks:HttpBodyLimitBytes", "out of range"),
        Case("\"Checks\": { \"ThroughputBytes\": 1024 }", "Probe:Checks:ThroughputBytes", "out of range"),
        Case("\"Schedule\": { \"ThroughputInterval\": \"00:00:00\" }", "Probe:Schedule:ThroughputInterval", "must be longer than zero"),
        Case("\"Schedule\": { \"WatchInterval\": \"-00:01:00\" }", "Probe:Schedule:WatchInterval", "must be longer than zero"),
        Case("\"Checks\": { \"MaxRedirects\": 21 }", "Probe:Checks:MaxRedirects", "must be 0 to 20"),
        Case("\"Checks\": { \"TrustedCaFile\": \"{dir}/missing.pem\" }", "Probe:Checks:TrustedCaFile", "cannot read"),
        Case("\"Checks\": { \"TrustedCaFile\": \"{dir}/probe.json\" }", "Probe:Checks:TrustedCaFile", "holds no PEM certificate"),
        Case("\"Checks\": { \"BogonAllow\": [\"127.0.0.1/8\"] }", "Probe:Checks:BogonAllow:0", "not a CIDR range"),
        Case("\"Checks\": { \"BogonAllow\": [\"10.0.0.0/8\", \"loopback\"] }", "Probe:Checks:BogonAllow:1", "not a CIDR range"),
        // Resolvers.
        Case("\"Resolvers\": [ { \"Name\": \"sys\", \"Address\": \"system\" }, { \"Name\": \"SYS\", \"Address\": \"9.9.9.9\" } ]", "Probe:Resolvers:1:Name", "duplicate resolver name"),
        Case("\"Resolvers\": [ { \"Name\": \"g\", \"Address\": \"dns.google\" } ]", "Probe:Resolvers:0:Address", "is not \"system\", an IP address"),
        Case("\"Resolvers\": [ { \"Name\": \"g\", \"Address\": \"8.8.8.8:99999\" } ]", "Probe:Resolvers:0:Address", "is not \"system\""),
        Case("\"Resolvers\": [ { \"Name\": \"g\", \"Address\": \"[::1]:0\" } ]", "Probe:Resolvers:0:Address", "is not \"system\""),
        Case("\"Resolvers\": [ { \"Name\": \"\", \"Address\": \"system\" } ]", "Probe:Resolvers:0:Name", "not a valid resolver name"),
        Case("\"Resolvers\": [ { \"Name\": \"g\", \"Address\": \"8.8.8.8\", \"Reference\": true } ]", "Probe:Resolvers", "at least one must be the device's own"),
        // Store.
        Case("\"Store\": { \"Path\": \"{dir}\" }", "Probe:Store:Path", "is a directory"),
        Case("\"Store\": { \"MaxBytes\": 1000 }", "Probe:Store:MaxBytes", "at least 1048576"),
        Case("\"Store\": { \"MoveInterval\": \"00:20:00\" }", "Probe:Store:MoveInterval", "out of range"),
        Case("\"Store\": { \"MoveInterval\": \"-00:00:01\" }", "Probe:Store:MoveInterval", "out of range"),
        Case("\"Store\": { \"StagePath\": \"{dir}\" }", "Probe:Store:StagePath", "is not a file path"),
        Case("\"Store\": { \"Path\": \"{dir}/r.db\", \"StagePath\": \"{dir}/r.db\" }", "Probe:Store:StagePath", "is the store itself"),
        // Sink.
        Case("\"Sink\": { \"Kind\": \"influx3\" }", "Probe:Sink:Kind", "not a sink kind"),
        Case("\"Sink\": { \"Kind\": \"influx2\", \"Url\": \"https://tsdb.example.org\", \"Bucket\": \"b\" }", "Probe:Sink:Org", "required when Kind is influx2"),
        Case("\"Sink\": { \"Kind\": \"influx2\", \"Org\": \"o\", \"Bucket\": \"b\" }", "Probe:Sink:Url", "required when Kind is influx2"),
        Case("\"Sink\": { \"Kind\": \"influx1\", \"Url\": \"http://127.0.0.1:8086\" }", "Probe:Sink:Database", "required when Kind is influx1"),
        Case("\"Sink\": { \"Kind\": \"influx1\", \"Url\": \"tsdb.example.org\", \"Database\": \"d\" }", "Probe:Sink:Url", "not an absolute http or https URL"),
        Case("\"Sink\": { \"BatchSize\": 0 }", "Probe:Sink:BatchSize", "must be 1 to 50000"),
        Case("\"Sink\": { \"BatchSize\": 50001 }", "Probe:Sink:BatchSize", "must be 1 to 50000"),
        // LEDs.
        Case("\"Leds\": { \"Driver\": \"pwm\" }", "Probe:Leds:Driver", "not an LED driver"),
        Case("\"Leds\": { \"Pins\": { \"Upload\": 28 } }", "Probe:Leds:Pins:Upload", "must be 0 to 27"),
        Case("\"Leds\": { \"Pins\": { \"NetRed\": 17 } }", "Probe:Leds:Pins:NetRed", "pin 17 is also used by Power"),
    ];

    [TestCaseSource(nameof(BadInputs))]
    public void Load_BadInput_ThrowsNamingKeyAndProblem(string probeBody, string key, string problem)
    {
        using var config = new ConfigDirectory();
        config.WriteProbe(probeBody);

        var error = Assert.Throws<ConfigurationException>(() => config.Load());

        Assert.Multiple(() =>
        {
            Assert.That(error.Key, Is.EqualTo(key), error.Message);
            Assert.That(error.Problem, Does.Contain(problem));
            Assert.That(error.Problem, Does.Not.Contain("\n").And.Not.Contain("   at "));
        });
    }

    [Test]
    public void Load_UnknownTopLevelSection_NamesIt()
    {
        using var config = new ConfigDirectory();
        config.Write("probe.json", "{ \"Prob\": { \"Id\": \"x\" } }");

        var error = Assert.Throws<ConfigurationException>(() => config.Load());

        Assert.That((error.Key, error.Problem), Is.EqualTo(("Prob", "unknown key; the file holds one \"Probe\" object")));
    }

    [Test]
    public void Load_MalformedJson_NamesFile()
    {
        using var config = new ConfigDirectory();
        config.Write("probe.json", "{ \"Probe\": { \"Id\": \"x\", } ");

        var error = Assert.Throws<ConfigurationException>(() => config.Load());

        Assert.That(error.Key, Is.EqualTo(config.ConfigFile));
        Assert.That(error.Problem, Does.StartWith("not valid JSON: ").And.Contain("LineNumber"));
    }

    [Test]
    public void Load_JsonRootIsNotAnObject_NamesFile()
    {
        using var config = new ConfigDirectory();
        config.Write("probe.json", "[1, 2]");

        var error = Assert.Throws<ConfigurationException>(() => config.Load());

        Assert.That(error.Key, Is.EqualTo(config.ConfigFile));
        Assert.That(error.Problem, Does.StartWith("not valid JSON: "));
    }

    [Test]
    public void Load_ExplicitFileMissing_IsAnError()
    {
        var missing = Path.Combine(Path.GetTempPath(), "probe-no-such-dir", "probe.json");

        var error = Assert.Throws<ConfigurationException>(() => ProbeConfiguration.Load(missing, pathExplicit: true, new System.Collections.Hashtable()));

        Assert.That((error.Key, error.Problem), Is.EqualTo((missing, "file not found")));
    }

    [Test]
    public void Load_SeveralProblems_ReportsEveryOneInOrder()
    {
        using var config = new ConfigDirectory();
        config.WriteProbe("\"Schedule\": { \"Jitter\": 0.9, \"ConfirmRounds\": 0 }, \"Sink\": { \"BatchSize\": 0 }");

        var error = Assert.Throws<ConfigurationException>(() => config.Load());

        Assert.That(error.Problems.Select(p => p.Key), Is.EqualTo(new[] { "Probe:Schedule:Jitter", "Probe:Schedule:ConfirmRounds", "Probe:Sink:BatchSize" }));
    }

    [Test]
    public void Load_BadCsvRow_NamesFileEntryAndLine()
    {
        using var config = new ConfigDirectory();
        config.Write("list.csv", "url,category_code\nhttps://ok.example/,NEWS\nnot-a-url,NEWS\n");
        config.WriteProbe("\"Targets\": { \"Files\": [\"{dir}/list.csv\"] }");

        var error = Assert.Throws<ConfigurationException>(() => config.Load());

        Assert.That(error.Key, Is.EqualTo("Probe:Targets:Files:0"));
        Assert.That(error.Problem, Does.EndWith("list.csv line 3: 'not-a-url' is not an absolute http or https URL"));
    }

    private static TestCaseData Case(string probeBody, string key, string problem) =>
        new TestCaseData(probeBody, key, problem).SetArgDisplayNames(key, problem);
}
