namespace Probe.Tests.Cli;

/// <summary>A wrong configuration stops every command with exit code 78 and one line naming the key, before any work.</summary>
[Category("Integration")]
public sealed class ConfigErrorTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    private static IEnumerable<TestCaseData> BadConfigs()
    {
        yield return new TestCaseData("""{"Probe":{"Targets":{"Items":[{"Name":"a","Url":"https://a.sn/"},{"Name":"b","Url":"https://b.sn/"},{"Name":"c","Url":"https://c.sn/"},{"Name":"d","Url":"not a url"}]}}}""", "Probe:Targets:Items:3:Url").SetName("BadUrl");
        yield return new TestCaseData("""{"Probe":{"Targets":{"Items":[{"Name":"a","Url":"https://a.sn/","Group":"regional"}]}}}""", "Probe:Targets:Items:0:Group").SetName("UnknownGroup");
        yield return new TestCaseData("""{"Probe":{"Targets":{"Items":[{"Name":"a","Url":"https://a.sn/"},{"Name":"a","Url":"https://b.sn/"}]}}}""", "Probe:Targets:Items:1:Name").SetName("DuplicateName");
        yield return new TestCaseData("""{"Probe":{"Targets":{"Items":[{"Name":"a","Host":"a.sn","Ports":[70000]}]}}}""", "Probe:Targets:Items:0:Ports:0").SetName("PortOutOfRange");
        yield return new TestCaseData("""{"Probe":{"Targets":{"Files":["/nonexistent/targets.csv"]}}}""", "Probe:Targets:Files:0").SetName("UnreadableTargetsFile");
        yield return new TestCaseData("""{"Probe":{"Schedule":{"MaxConcurrency":"eight"}}}""", "Probe:Schedule:MaxConcurrency").SetName("WrongType");
        yield return new TestCaseData("""{"Probe":{"Schedule":{"SentinelIntervall":"00:00:10"}}}""", "Probe:Schedule:SentinelIntervall").SetName("UnknownKey");
        yield return new TestCaseData("""{"Probe":{"Sink":{"Kind":"influx2","Url":"https://tsdb.example.org"}}}""", "Probe:Sink:Org").SetName("SinkMissingOrg");
    }

    [TestCaseSource(nameof(BadConfigs))]
    public async Task ConfigCheck_BadInput_Exit78NamingTheKey(string json, string key)
    {
        var path = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(path, json);

            var run = await ProbeProcess.RunAsync(["config", "check", "--config", path], Deadline);

            Assert.Multiple(() =>
            {
                Assert.That(run.ExitCode, Is.EqualTo(78), run.ToString());
                Assert.That(run.Stderr, Does.StartWith($"config error: {key}: "), run.ToString());
                Assert.That(run.Stderr, Does.Not.Contain("   at "), "no stack trace for a user error");
                Assert.That(run.Stdout, Is.Empty);
            });
        }
        finally
        {
            File.Delete(path);
        }
    }

    [TestCase("check")]
    [TestCase("run")]
    [TestCase("status")]
    [TestCase("targets")]
    public async Task AnyCommand_BadConfig_Exit78BeforeAnyWork(string command)
    {
        var path = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(path, """{"Probe":{"Checks":{"Timeout":"-00:00:01"}}}""");

            var run = await ProbeProcess.RunAsync([command, "--config", path], Deadline);

            Assert.That(run.ExitCode, Is.EqualTo(78), run.ToString());
            Assert.That(run.Stderr, Does.Contain("config error: Probe:Checks:Timeout: "));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test]
    public async Task ConfigCheck_MissingExplicitFile_Exit78()
    {
        var run = await ProbeProcess.RunAsync(["config", "check", "--config", "/nonexistent/probe.json"], Deadline);

        Assert.That(run.ExitCode, Is.EqualTo(78), run.ToString());
        Assert.That(run.Stderr, Does.Contain("/nonexistent/probe.json"));
    }

    [Test]
    public async Task ConfigCheck_TokenGiven_PrintsItMasked()
    {
        var path = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(path, """{"Probe":{"Id":"masked-01","Sink":{"Kind":"influx2","Url":"http://127.0.0.1:8428","Org":"o","Bucket":"b","Token":"s3cret-token"}}}""");

            var run = await ProbeProcess.RunAsync(["config", "check", "--config", path], Deadline);

            Assert.Multiple(() =>
            {
                Assert.That(run.ExitCode, Is.Zero, run.ToString());
                Assert.That(run.Stdout, Does.Contain("masked-01"));
                Assert.That(run.Stdout + run.Stderr, Does.Not.Contain("s3cret-token"));
                Assert.That(run.Stdout, Does.Contain("***"));
            });
        }
        finally
        {
            File.Delete(path);
        }
    }
}
