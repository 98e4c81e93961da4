using System.Collections;

namespace Probe.Tests.Configuration;

/// <summary>What <c>probe config check</c> prints: the effective configuration, secrets masked, loadable again.</summary>
public sealed class MaskedJsonTests
{
    [Test]
    public void ToMaskedJson_Secrets_AreStarredAndPathsKept()
    {
        using var config = new ConfigDirectory();
        var tokenFile = config.Write("token", "t0k3n");
        config.WriteProbe($"\"Sink\": {{ \"Kind\": \"influx1\", \"Url\": \"http://admin:hunter2@127.0.0.1:8086/\", \"Database\": \"probe\", \"TokenFile\": \"{tokenFile}\" }}");

        var json = config.Load(new Hashtable { ["PROBE__Sink__Token"] = "s3cr3t-value" }).ToMaskedJson();

        Assert.Multiple(() =>
        {
            Assert.That(json, Does.Not.Contain("s3cr3t-value").And.Not.Contain("hunter2").And.Not.Contain("t0k3n"));
            Assert.That(json, Does.Contain("\"Token\": \"***\""));
            Assert.That(json, Does.Contain($"\"TokenFile\": \"{tokenFile}\""));
            Assert.That(json, Does.Contain("http://***@127.0.0.1:8086/"));
        });
    }

    [Test]
    public void ToMaskedJson_Output_LoadsBackAsTheSameConfiguration()
    {
        using var config = new ConfigDirectory();
        config.WriteProbe("\"Id\": \"round-trip\", \"Asn\": 8346, \"Schedule\": { \"Jitter\": 0.25 }, \"Targets\": { \"Items\": [ { \"Name\": \"x\", \"Host\": \"127.0.0.1\", \"Ports\": [80] } ] }");
        var first = config.Load().ToMaskedJson();

        config.Write("probe.json", first);
        var second = config.Load().ToMaskedJson();

        Assert.That(second, Is.EqualTo(first));
        Assert.That(first, Does.Contain("\"SentinelInterval\": \"00:00:10\""));
    }
}
