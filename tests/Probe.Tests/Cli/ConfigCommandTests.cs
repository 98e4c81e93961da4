namespace Probe.Tests.Cli;

[Category("Integration")]
public sealed class ConfigCommandTests
{
    [Test]
    public async Task ConfigCheck_UnderSystemdStateDirectory_StoreLivesThere()
    {
        var path = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(path, """{"Probe":{"Id":"svc-01"}}""");

            var run = await ProbeProcess.RunAsync(["config", "check", "--config", path], TimeSpan.FromSeconds(30), new Dictionary<string, string> { ["STATE_DIRECTORY"] = "/var/lib/probe-test-state" });

            Assert.That(run.ExitCode, Is.Zero, run.ToString());
            Assert.That(run.Stdout, Does.Contain("\"/var/lib/probe-test-state/results.db\""));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test]
    public async Task ConfigCheck_EnvironmentOverride_Wins()
    {
        var path = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(path, """{"Probe":{"Id":"file-01","Schedule":{"ConfirmRounds":3}}}""");

            var run = await ProbeProcess.RunAsync(["config", "check", "--config", path], TimeSpan.FromSeconds(30), new Dictionary<string, string> { ["PROBE__Schedule__ConfirmRounds"] = "4" });

            Assert.That(run.ExitCode, Is.Zero, run.ToString());
            Assert.That(run.Stdout, Does.Match("\"ConfirmRounds\":\\s*4"));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
