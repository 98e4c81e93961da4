using System.Globalization;
using System.Text.RegularExpressions;

namespace Probe.Packaging.Tests;

/// <summary>systemd/probe.service: what issue 4 asks of the service, checked by systemd's own tools.</summary>
public sealed partial class ProbeServiceUnitTests
{
    private static readonly string UnitPath = RepositoryRoot.File("systemd", "probe.service");

    [Test]
    [Category("Integration")]
    public async Task SecurityAnalysis_ProbeService_ExposureAtMostTwo()
    {
        var analyze = ToolRun.Require("systemd-analyze", "systemd");

        var run = await ToolRun.RunAsync(analyze, ["security", "--offline=yes", "--no-pager", UnitPath], TimeSpan.FromMinutes(1));

        var match = ExposureLine().Match(run.Output);
        Assert.That(match.Success, Is.True, $"no exposure line in: {run.Output}");
        var exposure = double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        TestContext.Out.WriteLine($"probe.service exposure {exposure}");
        Assert.Multiple(() =>
        {
            Assert.That(exposure, Is.LessThanOrEqualTo(2.0), run.Output);
            // The NativeAOT binary writes no code (Binary_Amd64UnderMemoryDenyWriteExecute_ChecksLoopbackServers).
            Assert.That(run.Output, Does.Contain("✓ MemoryDenyWriteExecute="), run.Output);
        });
    }

    [Test]
    [Category("Integration")]
    public async Task Verify_ProbeServiceWithItsBinaryPresent_ReportsNothing()
    {
        var analyze = ToolRun.Require("systemd-analyze", "systemd");

        // verify insists that ExecStart's binary exists; /usr/bin/probe is only there once the
        // package is installed, so the unit is checked as is, with only that path moved to a stand-in.
        var directory = Directory.CreateTempSubdirectory("probe-unit-");
        try
        {
            var binary = Path.Combine(directory.FullName, "probe");
            File.Copy("/bin/true", binary);
            var unit = (await File.ReadAllTextAsync(UnitPath)).Replace("ExecStart=/usr/bin/probe ", $"ExecStart={binary} ", StringComparison.Ordinal);
            var copy = Path.Combine(directory.FullName, "probe.service");
            await File.WriteAllTextAsync(copy, unit);

            var run = await ToolRun.RunAsync(analyze, ["verify", copy], TimeSpan.FromMinutes(1));

            Assert.Multiple(() =>
            {
                Assert.That(unit, Does.Contain($"ExecStart={binary} run --config /etc/probe/probe.json"));
                Assert.That(run.ExitCode, Is.Zero, run.Output);
                Assert.That(run.Output, Is.Empty);
            });
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [TestCase("Type=notify")]
    [TestCase("ExecStart=/usr/bin/probe run --config /etc/probe/probe.json")]
    [TestCase("Restart=always")]
    [TestCase("User=probe")]
    [TestCase("SupplementaryGroups=gpio")]
    [TestCase("StateDirectory=probe")]
    [TestCase("RuntimeDirectory=probe")]
    [TestCase("RuntimeDirectoryPreserve=yes")]
    [TestCase("ConfigurationDirectory=probe")]
    [TestCase("LoadCredential=influx-token:/etc/probe/influx-token")]
    [TestCase("ProtectSystem=strict")]
    [TestCase("RestrictAddressFamilies=AF_INET AF_INET6 AF_UNIX AF_NETLINK")]
    [TestCase("CapabilityBoundingSet=")]
    [TestCase("DeviceAllow=char-gpiochip rw")]
    public void Unit_ProbeService_HasSetting(string line)
    {
        var lines = File.ReadAllLines(UnitPath);

        Assert.That(lines, Has.One.EqualTo(line));
    }

    [Test]
    public void Unit_ProbeService_HasWatchdogAndMemoryLimit()
    {
        var text = File.ReadAllText(UnitPath);

        Assert.Multiple(() =>
        {
            Assert.That(text, Does.Match(@"(?m)^WatchdogSec=\d+s$"));
            Assert.That(text, Does.Match(@"(?m)^MemoryMax=\d+M$"));
            Assert.That(text, Does.Match(@"(?m)^SystemCallFilter=@system-service$"));
        });
    }

    [GeneratedRegex(@"Overall exposure level for probe\.service: (\d+\.\d+)")]
    private static partial Regex ExposureLine();
}
