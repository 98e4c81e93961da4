namespace Probe.Packaging.Tests;

/// <summary>
/// The package's maintainer scripts run as dpkg runs them, in a private mount namespace with
/// /etc, /var/lib and /var/cache replaced and user/group/systemd tools shimmed
/// (maintainer-harness.sh): nothing on the host changes. Needs root and unshare (util-linux).
/// </summary>
[Category("Integration")]
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class MaintainerScriptTests
{
    private DirectoryInfo? _state;

    private string State => _state?.FullName ?? throw new InvalidOperationException("no state");

    [SetUp]
    public void CreateState() => _state = Directory.CreateTempSubdirectory("probe-maint-");

    [TearDown]
    public void RemoveState() => _state?.Delete(recursive: true);

    [Test]
    public async Task Postinst_FreshInstall_CreatesGroupUserMembershipTokenAndEnablesUnit()
    {
        var run = await RunAsync("postinst", "configure");

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.Zero, run.Output);
            Assert.That(Log(), Does.Contain("addgroup --quiet --system gpio"));
            Assert.That(Log(), Does.Contain("adduser --quiet --system --group --home /var/lib/probe --no-create-home"));
            Assert.That(Log(), Does.Contain("adduser --quiet probe gpio"));
            Assert.That(Log(), Does.Contain("deb-systemd-helper enable probe.service"));
            Assert.That(File.ReadAllText(Path.Combine(State, "members")).Trim(), Is.EqualTo("probe:gpio"));
            var token = new FileInfo(Path.Combine(State, "etc", "probe", "influx-token"));
            Assert.That(token.Exists && token.Length == 0, Is.True, "an empty token file for LoadCredential");
            Assert.That(File.GetUnixFileMode(token.FullName), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite));
        });
    }

    [Test]
    public async Task Postinst_Upgrade_KeepsUserGroupAndToken()
    {
        await RunAsync("postinst", "configure");
        var token = Path.Combine(State, "etc", "probe", "influx-token");
        await File.WriteAllTextAsync(token, "secret");
        File.WriteAllText(Path.Combine(State, "log"), "");

        var run = await RunAsync("postinst", "configure", "0.1.0");

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.Zero, run.Output);
            Assert.That(Log(), Does.Not.Contain("addgroup").And.Not.Contain("adduser"));
            Assert.That(File.ReadAllText(token), Is.EqualTo("secret"));
        });
    }

    [Test]
    public async Task Postinst_GpioGroupExists_OnlyAddsMembership()
    {
        File.WriteAllText(Path.Combine(State, "groups"), "gpio\n");

        var run = await RunAsync("postinst", "configure");

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.Zero, run.Output);
            Assert.That(Log(), Does.Not.Contain("addgroup"));
            Assert.That(Log(), Does.Contain("adduser --quiet probe gpio"));
        });
    }

    [Test]
    public async Task Postrm_Purge_RemovesTokenAndState()
    {
        await RunAsync("postinst", "configure");
        Directory.CreateDirectory(Path.Combine(State, "var-lib", "probe"));
        File.WriteAllText(Path.Combine(State, "var-lib", "probe", "results.db"), "rows");

        var run = await RunAsync("postrm", "purge");

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.Zero, run.Output);
            Assert.That(File.Exists(Path.Combine(State, "etc", "probe", "influx-token")), Is.False);
            Assert.That(Directory.Exists(Path.Combine(State, "var-lib", "probe")), Is.False);
            Assert.That(Log(), Does.Contain("deb-systemd-helper purge probe.service"));
        });
    }

    [Test]
    public async Task Postrm_Remove_KeepsTokenAndState()
    {
        await RunAsync("postinst", "configure");

        var run = await RunAsync("postrm", "remove");

        Assert.Multiple(() =>
        {
            Assert.That(run.ExitCode, Is.Zero, run.Output);
            Assert.That(File.Exists(Path.Combine(State, "etc", "probe", "influx-token")), Is.True);
            Assert.That(Log(), Does.Contain("deb-systemd-helper mask probe.service"));
        });
    }

    [TestCase("postinst")]
    [TestCase("prerm")]
    [TestCase("postrm")]
    public async Task MaintainerScript_Syntax_ParsesWithSh(string script)
    {
        var run = await ToolRun.RunAsync("/bin/sh", ["-n", RepositoryRoot.File("packaging", "debian", script)], TimeSpan.FromMinutes(1));

        Assert.That(run.ExitCode, Is.Zero, run.Output);
    }

    private string Log() => File.ReadAllText(Path.Combine(State, "log"));

    private async Task<ToolRun> RunAsync(string script, params string[] arguments)
    {
        ToolRun.Require("unshare", "util-linux");
        return await ToolRun.RunAsync(
            RepositoryRoot.File("tests", "Probe.Packaging.Tests", "maintainer-harness.sh"),
            [State, RepositoryRoot.File("packaging", "debian", script), .. arguments],
            TimeSpan.FromMinutes(1));
    }
}
