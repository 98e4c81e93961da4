using System.Text.Json;

namespace Probe.Tests.Cli;

/// <summary><c>probe check</c> end to end: the real binary against real resolvers and web servers on loopback.</summary>
[Category("Integration")]
public sealed class CheckCommandTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [Test]
    public async Task CheckJson_AllReachable_OnlineWithEveryKindOk()
    {
        using var world = LoopbackWorld.Start();

        var run = await ProbeProcess.RunAsync(["check", "--json", "--config", world.ConfigPath], Deadline);

        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        using var json = JsonDocument.Parse(run.Stdout);
        var root = json.RootElement;
        var results = root.GetProperty("results").EnumerateArray().ToList();
        Assert.Multiple(() =>
        {
            Assert.That(root.GetProperty("probe").GetProperty("id").GetString(), Is.EqualTo("loopback-01"));
            Assert.That(DateTimeOffset.TryParse(root.GetProperty("startedAt").GetString(), out _), Is.True);
            Assert.That(root.GetProperty("verdict").GetProperty("state").GetString(), Is.EqualTo("online"), run.Stdout);
            Assert.That(results.Select(r => r.GetProperty("kind").GetString()).Distinct(), Is.EquivalentTo(new[] { "gateway", "dns", "tcp", "tls", "http" }));
            Assert.That(results.Where(r => !r.GetProperty("ok").GetBoolean()).Select(r => r.ToString()), Is.Empty);
        });
        var http = results.Single(r => r.GetProperty("kind").GetString() == "http" && r.GetProperty("target").GetString() == "whatsapp-web");
        var dns = results.First(r => r.GetProperty("kind").GetString() == "dns" && r.GetProperty("target").GetString() == "national");
        Assert.Multiple(() =>
        {
            Assert.That(http.GetProperty("group").GetString(), Is.EqualTo("platform"));
            Assert.That(http.GetProperty("platform").GetString(), Is.EqualTo("whatsapp"));
            Assert.That(http.GetProperty("status").GetInt32(), Is.EqualTo(200));
            Assert.That(http.GetProperty("address").GetString(), Is.EqualTo("127.3.0.1"));
            Assert.That(http.GetProperty("phases").GetProperty("ttfb").GetDouble(), Is.GreaterThan(0));
            Assert.That(http.GetProperty("failure").ValueKind, Is.EqualTo(JsonValueKind.Null));
            Assert.That(dns.GetProperty("rcode").GetString(), Is.EqualTo("NOERROR"));
            Assert.That(dns.GetProperty("answers").EnumerateArray().Select(a => a.GetString()), Is.EqualTo(new[] { "127.1.0.1" }));
            Assert.That(dns.GetProperty("phases").GetProperty("dns").GetDouble(), Is.GreaterThan(0));
        });
    }

    [Test]
    public async Task CheckJson_SystemResolverLiesAboutPlatform_DnsTamperingFinding()
    {
        using var world = LoopbackWorld.Start(systemNxDomains: [LoopbackWorld.PlatformHost]);

        var run = await ProbeProcess.RunAsync(["check", "--json", "--no-store", "--config", world.ConfigPath], Deadline);

        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        using var json = JsonDocument.Parse(run.Stdout);
        var verdict = json.RootElement.GetProperty("verdict");
        var findings = verdict.GetProperty("findings").EnumerateArray().ToList();
        var tampering = findings.SingleOrDefault(f => f.GetProperty("state").GetString() == "dns_tampering");
        Assert.That(tampering.ValueKind, Is.EqualTo(JsonValueKind.Object), verdict.ToString());
        Assert.Multiple(() =>
        {
            Assert.That(tampering.GetProperty("targets").EnumerateArray().Select(t => t.GetString()), Does.Contain("whatsapp-web"));
            Assert.That(tampering.GetProperty("failure").GetString(), Is.EqualTo("dns_nxdomain_error"));
            Assert.That(verdict.GetProperty("state").GetString(), Is.AnyOf("dns_tampering", "platform_block"));
            Assert.That(File.Exists(world.StorePath), Is.False, "--no-store must not create the buffer");
        });
    }

    [Test]
    public async Task Check_Table_ShowsResultsAndVerdictAndStoresThem()
    {
        using var world = LoopbackWorld.Start();

        var run = await ProbeProcess.RunAsync(["check", "--config", world.ConfigPath], Deadline);
        var export = await ProbeProcess.RunAsync(["export", "--format", "json", "--config", world.ConfigPath], Deadline);

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.Zero, run.ToString());
            Assert.That(run.Stdout, Does.Contain("verdict: online"));
            Assert.That(run.Stdout, Does.Match(@"http\s+whatsapp-web\s+platform"));
            Assert.That(export.ExitCode, Is.Zero, export.ToString());
        });
        var points = export.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l)).ToList();
        var checks = points.Count(p => p.RootElement.GetProperty("measurement").GetString() == "probe_check");
        var resultRows = run.Stdout.Split('\n').Count(l => l.StartsWith("gateway ", StringComparison.Ordinal) || l.StartsWith("dns ", StringComparison.Ordinal)
            || l.StartsWith("tcp ", StringComparison.Ordinal) || l.StartsWith("tls ", StringComparison.Ordinal) || l.StartsWith("http ", StringComparison.Ordinal));
        Assert.That(checks, Is.EqualTo(resultRows), "every result printed is stored, once");
        points.ForEach(p => p.Dispose());
    }

    [Test]
    public async Task Check_NoNetworkAtAll_FinishesWithinADeadlineAndSaysLocalFault()
    {
        // Built-in defaults (public resolvers and targets) inside an empty network namespace:
        // nothing can leave it, and the probe must say what it saw, quickly.
        var directory = Directory.CreateTempSubdirectory("probe-nonet-").FullName;
        try
        {
            var config = Path.Combine(directory, "probe.json");
            File.WriteAllText(config, $$"""{ "Probe": { "Id": "nonet", "Store": { "Path": "{{Path.Combine(directory, "results.db")}}" }, "Leds": { "Driver": "none" } } }""");

            var run = await ProbeProcess.RunAsync(["check", "--json", "--config", config], TimeSpan.FromSeconds(30), wrapWith: "unshare --net");

            Assert.That(run.ExitCode, Is.Zero, run.ToString());
            using var json = JsonDocument.Parse(run.Stdout);
            Assert.Multiple(() =>
            {
                Assert.That(json.RootElement.GetProperty("verdict").GetProperty("state").GetString(), Is.AnyOf("local_fault", "full_shutdown"));
                Assert.That(json.RootElement.GetProperty("results").GetArrayLength(), Is.GreaterThan(50));
                // One check deadline (8 s by default) plus start-up, with room for a loaded CI machine.
                Assert.That(run.Elapsed, Is.LessThan(TimeSpan.FromSeconds(8 + 12)));
            });
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
