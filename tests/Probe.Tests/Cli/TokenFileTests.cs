namespace Probe.Tests.Cli;

/// <summary>The token file is a systemd credential only the service can read: only the commands that send need it.</summary>
[Category("Integration")]
public sealed class TokenFileTests
{
    private const string Config = """{"Probe":{"Id":"tok-01","Store":{"Path":"STORE"},"Sink":{"Kind":"influx2","Url":"http://127.0.0.1:9","Org":"o","Bucket":"b","TokenFile":"/run/credentials/probe.service/no-such-token"}}}""";

    [TestCase("upload", 78)]
    [TestCase("run", 78)]
    [TestCase("status", 0)]
    [TestCase("export", 0)]
    public async Task Command_UnreadableTokenFile_OnlySendingCommandsRefuse(string command, int exit)
    {
        var directory = Directory.CreateTempSubdirectory("probe-token-").FullName;
        try
        {
            var path = Path.Combine(directory, "probe.json");
            await File.WriteAllTextAsync(path, Config.Replace("STORE", Path.Combine(directory, "results.db"), StringComparison.Ordinal));

            var run = await ProbeProcess.RunAsync([command, "--config", path], TimeSpan.FromSeconds(30));

            Assert.That(run.ExitCode, Is.EqualTo(exit), run.ToString());
            if (exit == 78)
            {
                Assert.That(run.Stderr, Does.StartWith("config error: Probe:Sink:TokenFile: cannot read"));
            }
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
