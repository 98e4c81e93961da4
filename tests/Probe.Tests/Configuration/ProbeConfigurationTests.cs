using System.Collections;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Probe.Configuration;
using Probe.Targets;

namespace Probe.Tests.Configuration;

public sealed class ProbeConfigurationTests
{
    [Test]
    public void Load_DefaultFileMissing_UsesBuiltInDefaults()
    {
        var absent = Path.Combine(Path.GetTempPath(), "probe-absent", "probe.json");

        var loaded = ProbeConfiguration.Load(absent, pathExplicit: false, new Hashtable());

        var o = loaded.Options;
        Assert.Multiple(() =>
        {
            Assert.That(loaded.FilePath, Is.Null);
            Assert.That(o.Id, Is.EqualTo(Environment.MachineName));
            Assert.That(o.Gateway.Ports, Is.EqualTo(new[] { 53, 80, 443 }));
            Assert.That(o.Resolvers.Select(r => (r.Name, r.Address, r.Reference)), Is.EqualTo(new[]
            {
                ("system", "system", false), ("google", "8.8.8.8", true), ("cloudflare", "1.1.1.1", true),
            }));
            Assert.That(o.Sink.Kind, Is.EqualTo("none"));
            Assert.That(o.Targets.UseDefaults, Is.True);
            Assert.That(o.Schedule.SentinelInterval, Is.EqualTo(TimeSpan.FromSeconds(10)));
        });
    }

    [Test]
    public void Load_ExampleOfDesignDocument_BindsEveryKey()
    {
        using var config = new ConfigDirectory();
        config.Write("sn.csv", "url,category_code,category_description,date_added,source,notes\nhttps://www.seneweb.com/,NEWS,News Media,2019-01-07,OONI,\n");
        config.Write("influx-token", "secret-token");
        config.WriteProbe("""
            "Id": "dakar-plateau-01", "Region": "Dakar", "Access": "fixed", "Asn": 8346, "Isp": "Sonatel",
            "Gateway": { "Address": "auto", "Ports": [53, 80, 443] },
            "Resolvers": [
              { "Name": "system", "Address": "system" },
              { "Name": "google", "Address": "8.8.8.8", "Reference": true },
              { "Name": "cloudflare", "Address": "1.1.1.1:53", "Reference": true }
            ],
            "Targets": {
              "UseDefaults": true,
              "Files": ["{dir}/sn.csv"],
              "Items": [
                { "Name": "seneweb", "Url": "https://www.seneweb.com/", "Group": "national", "Sentinel": true },
                { "Name": "whatsapp-web", "Url": "https://web.whatsapp.com/", "Group": "platform", "Platform": "whatsapp" },
                { "Name": "ntp-anchor", "Host": "time.example.net", "Ports": [123], "Group": "international", "Addresses": ["192.0.2.10"] }
              ]
            },
            "Schedule": { "SentinelInterval": "00:00:10", "RoundInterval": "00:05:00", "Jitter": 0.1, "MaxConcurrency": 8, "ConfirmRounds": 2 },
            "Checks": { "Timeout": "00:00:08", "HttpBodyLimitBytes": 65536, "MaxRedirects": 5, "TrustedCaFile": null, "BogonAllow": [] },
            "Store": { "Path": "/var/lib/probe/results.db", "MaxBytes": 209715200 },
            "Sink": { "Kind": "influx2", "Url": "https://tsdb.example.org", "Org": "probe", "Bucket": "shutdowns", "Database": null, "TokenFile": "{dir}/influx-token", "BatchSize": 5000 },
            "Leds": { "Driver": "gpio", "Chip": 0, "ActiveLow": false, "Pins": { "Power": 17, "NetGreen": 27, "NetRed": 22, "Upload": 23 } }
            """);

        var loaded = config.Load();

        var o = loaded.Options;
        Assert.Multiple(() =>
        {
            Assert.That(loaded.FilePath, Is.EqualTo(config.ConfigFile));
            Assert.That((o.Id, o.Region, o.Access, o.Asn, o.Isp), Is.EqualTo(("dakar-plateau-01", "Dakar", "fixed", (int?)8346, "Sonatel")));
            Assert.That(o.Resolvers, Has.Count.EqualTo(3));
            Assert.That(o.Resolvers[2].Address, Is.EqualTo("1.1.1.1:53"));
            Assert.That(o.Targets.Files.Single().Path, Is.EqualTo(Path.Combine(config.Path, "sn.csv")));
            Assert.That(o.Targets.Items.Select(i => i.Name), Is.EqualTo(new[] { "seneweb", "whatsapp-web", "ntp-anchor" }));
            Assert.That(o.Targets.Items[2].Addresses, Is.EqualTo(new[] { "192.0.2.10" }));
            Assert.That(o.Schedule.RoundInterval, Is.EqualTo(TimeSpan.FromMinutes(5)));
            Assert.That(o.Schedule.Jitter, Is.EqualTo(0.1));
            Assert.That(o.Checks.TrustedCaFile, Is.Null);
            Assert.That(o.Store.MaxBytes, Is.EqualTo(209715200));
            Assert.That((o.Sink.Kind, o.Sink.Org, o.Sink.Bucket, o.Sink.Database), Is.EqualTo(("influx2", "probe", "shutdowns", (string?)null)));
            Assert.That(o.Leds.Pins.NetRed, Is.EqualTo(22));
        });
    }

    [Test]
    public void Load_FileUnderADotDirectory_IsRead()
    {
        using var config = new ConfigDirectory();
        Directory.CreateDirectory(Path.Combine(config.Path, ".probe"));
        var file = config.Write(".probe/probe.json", "{ \"Probe\": { \"Id\": \"hidden-dir\" } }");

        var loaded = ProbeConfiguration.Load(file, pathExplicit: true, new Hashtable());

        Assert.That(loaded.Options.Id, Is.EqualTo("hidden-dir"));
    }

    [Test]
    public void Load_EnvironmentVariables_OverrideTheFile()
    {
        using var config = new ConfigDirectory();
        config.WriteProbe("\"Schedule\": { \"MaxConcurrency\": 8 }, \"Sink\": { \"Kind\": \"none\" }");
        var environment = new Hashtable
        {
            ["PROBE__Sink__Token"] = "from-env",
            ["PROBE__Schedule__MaxConcurrency"] = "4",
            ["PROBE__Targets__Items__0__Name"] = "env-target",
            ["PROBE__Targets__Items__0__Host"] = "127.0.0.1",
            ["PATH"] = "/usr/bin",
        };

        var o = config.Load(environment).Options;

        Assert.Multiple(() =>
        {
            Assert.That(o.Sink.Token, Is.EqualTo("from-env"));
            Assert.That(o.Schedule.MaxConcurrency, Is.EqualTo(4));
            Assert.That(o.Targets.Items.Single().Name, Is.EqualTo("env-target"));
        });
    }

    [Test]
    public void Load_EnvironmentBadValue_NamesTheKey()
    {
        using var config = new ConfigDirectory();
        config.WriteProbe("\"Region\": \"Dakar\"");

        var error = Assert.Throws<ConfigurationException>(() => config.Load(new Hashtable { ["PROBE__Schedule__Jitter"] = "abc" }));

        Assert.That((error.Key, error.Problem), Is.EqualTo(("Probe:Schedule:Jitter", "'abc' is not a number")));
    }

    [Test]
    public void Load_EnvironmentUnknownKey_NamesTheVariable()
    {
        using var config = new ConfigDirectory();
        config.WriteProbe("\"Region\": \"Dakar\"");

        var error = Assert.Throws<ConfigurationException>(() => config.Load(new Hashtable { ["PROBE__Sink__Tokn"] = "x" }));

        Assert.That(error.Key, Is.EqualTo("Probe:Sink:Tokn"));
        Assert.That(error.Problem, Does.Contain("from environment variable PROBE__Sink__Tokn"));
    }

    [Test]
    public void Load_FilesEntriesAsPathStringAndAsObject_BothRead()
    {
        using var config = new ConfigDirectory();
        config.Write("a.csv", "url\nhttps://a.example/\n");
        config.Write("b.csv", "url\nhttps://b.example/\n");
        config.WriteProbe("\"Targets\": { \"Files\": [\"{dir}/a.csv\", { \"Path\": \"{dir}/b.csv\", \"Group\": \"International\" }] }");

        var loaded = config.Load();
        var targets = TargetList.Load(loaded.Options).All.Where(t => t.Source != TargetList.DefaultsSource).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(loaded.Options.Targets.Files.Select(f => (f.Path, f.Group)), Is.EqualTo(new[]
            {
                (Path.Combine(config.Path, "a.csv"), (string?)null), (Path.Combine(config.Path, "b.csv"), "international"),
            }));
            Assert.That(targets.Select(t => (t.Name, t.Group)), Is.EqualTo(new[]
            {
                ("a.example", TargetGroup.National), ("b.example", TargetGroup.International),
            }));
        });
    }

    [Test]
    public void Load_RelativePaths_AreResolvedNextToTheConfigFile()
    {
        using var config = new ConfigDirectory();
        config.Write("sn.csv", "url\nhttps://a.example/\n");
        config.WriteProbe("\"Targets\": { \"Files\": [\"sn.csv\"] }, \"Store\": { \"Path\": \"results.db\" }");

        var o = config.Load().Options;

        Assert.That(o.Targets.Files.Single().Path, Is.EqualTo(Path.Combine(config.Path, "sn.csv")));
        Assert.That(o.Store.Path, Is.EqualTo(Path.Combine(config.Path, "results.db")));
    }

    [Test]
    public void Load_ListsGivenInTheFile_ReplaceTheDefaultLists()
    {
        using var config = new ConfigDirectory();
        config.WriteProbe("\"Gateway\": { \"Ports\": [80] }, \"Resolvers\": [ { \"Name\": \"lab\", \"Address\": \"[::1]:5353\" } ]");

        var o = config.Load().Options;

        Assert.That(o.Gateway.Ports, Is.EqualTo(new[] { 80 }));
        Assert.That(o.Resolvers.Select(r => r.Name), Is.EqualTo(new[] { "lab" }));
    }

    [Test]
    public void Load_NullsAndEmptyValues_KeepTheDefaults()
    {
        using var config = new ConfigDirectory();
        config.WriteProbe("\"Id\": \"\", \"Gateway\": { \"Ports\": [] }, \"Store\": { \"Path\": null }, \"Sink\": { \"Kind\": null }");

        var o = config.Load().Options;

        Assert.Multiple(() =>
        {
            Assert.That(o.Id, Is.EqualTo(Environment.MachineName));
            Assert.That(o.Gateway.Ports, Is.EqualTo(new[] { 53, 80, 443 }));
            Assert.That(o.Store.Path, Is.EqualTo("/var/lib/probe/results.db"));
            Assert.That(o.Sink.Kind, Is.EqualTo("none"));
        });
    }

    [Test]
    public void Load_KeysAndWordsInOtherCase_AreAccepted()
    {
        using var config = new ConfigDirectory();
        config.Write("probe.json", "{ \"probe\": { \"sink\": { \"kind\": \"INFLUX1\", \"url\": \"http://127.0.0.1:8086\", \"database\": \"probe\" }, \"leds\": { \"driver\": \"Log\" } }, \"Logging\": { \"LogLevel\": { \"Default\": \"Warning\" } } }");

        var o = config.Load().Options;

        Assert.That((o.Sink.Kind, o.Sink.Database, o.Leds.Driver), Is.EqualTo(("influx1", "probe", "log")));
    }

    [Test]
    public void Load_ResolverAddressForms_AreAccepted()
    {
        using var config = new ConfigDirectory();
        config.WriteProbe("""
            "Resolvers": [
              { "Name": "system", "Address": "system" }, { "Name": "v4", "Address": "127.0.0.53" },
              { "Name": "v4port", "Address": "127.0.0.54:5353" }, { "Name": "v6", "Address": "::1" },
              { "Name": "v6port", "Address": "[::1]:53", "Reference": true }
            ]
            """);

        Assert.That(config.Load().Options.Resolvers, Has.Count.EqualTo(5));
    }

    [Test]
    public void Load_TrustedCaFileWithAPemCertificate_IsAccepted()
    {
        using var config = new ConfigDirectory();
        using var key = ECDsa.Create();
        using var ca = new CertificateRequest("CN=probe test CA", key, HashAlgorithmName.SHA256)
            .CreateSelfSigned(DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddYears(100));
        var pem = config.Write("ca.pem", ca.ExportCertificatePem());
        config.WriteProbe($"\"Checks\": {{ \"TrustedCaFile\": \"{pem}\", \"BogonAllow\": [\"127.0.0.0/8\", \"::1/128\"] }}");

        var checks = config.Load().Options.Checks;

        Assert.That(checks.TrustedCaFile, Is.EqualTo(pem));
        Assert.That(checks.BogonAllow, Is.EqualTo(new[] { "127.0.0.0/8", "::1/128" }));
    }

    [Test]
    public void FromConfiguration_BuiltElsewhere_IsValidatedTheSameWay()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Probe:Schedule:ConfirmRounds"] = "0" })
            .Build();

        var error = Assert.Throws<ConfigurationException>(() => ProbeConfiguration.FromConfiguration(configuration));

        Assert.That(error.Key, Is.EqualTo("Probe:Schedule:ConfirmRounds"));
    }

    [Test]
    public void AddProbeConfiguration_RegistersTheValidatedOptions()
    {
        var loaded = ProbeConfiguration.Load("/nonexistent/probe.json", pathExplicit: false, new Hashtable { ["PROBE__Id"] = "di-test" });
        using var provider = new ServiceCollection().AddProbeConfiguration(loaded).BuildServiceProvider();

        Assert.That(provider.GetRequiredService<IOptions<ProbeOptions>>().Value.Id, Is.EqualTo("di-test"));
        Assert.That(IPAddress.TryParse(loaded.Options.Resolvers[1].Address, out _), Is.True);
    }
}
