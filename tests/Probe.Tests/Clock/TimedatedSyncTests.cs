using System.Diagnostics;
using Probe.Clock;

namespace Probe.Tests.Clock;

/// <summary>
/// <see cref="TimedatedSync"/> against a real dbus-daemon on a private socket and the real systemd-timedated:
/// what the probe reads over the bus under ProtectClock=yes must be what the kernel says (this test process
/// is not confined, so it can ask adjtimex itself).
/// </summary>
[Category("Integration")]
[NonParallelizable]
public sealed class TimedatedSyncTests
{
    private const string Timedated = "/usr/lib/systemd/systemd-timedated";
    private string _directory = null!;
    private string _bus = null!;
    private readonly List<Process> _processes = [];

    [SetUp]
    public void SetUp()
    {
        _directory = Directory.CreateTempSubdirectory("probe-dbus-").FullName;
        _bus = Path.Combine(_directory, "bus");
        File.WriteAllText(Path.Combine(_directory, "bus.conf"), $"""
            <!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN" "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
            <busconfig><type>system</type><listen>unix:path={_bus}</listen><auth>EXTERNAL</auth>
              <policy context="default"><allow user="*"/><allow own="*"/><allow send_destination="*"/><allow receive_sender="*"/></policy>
            </busconfig>
            """);
    }

    [TearDown]
    public void TearDown()
    {
        foreach (var process in _processes)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            process.Dispose();
        }

        _processes.Clear();

        Directory.Delete(_directory, recursive: true);
    }

    [Test]
    public async Task NtpSynchronized_RealTimedated_AnswersWhatTheKernelSays()
    {
        var kernel = LinuxClockNative.KernelSynced();
        Assert.That(kernel, Is.Not.Null, "adjtimex must answer outside the unit's sandbox");
        await StartBusAsync();
        Start(Timedated, [], new() { ["DBUS_SYSTEM_BUS_ADDRESS"] = "unix:path=" + _bus });

        bool? answer = null;
        for (var i = 0; i < 200 && answer is null; i++)
        {
            answer = TimedatedSync.NtpSynchronized(_bus);
            await Task.Delay(25);
        }

        Assert.That(answer, Is.EqualTo(kernel));
    }

    [Test]
    public async Task NtpSynchronized_BusWithoutTimedated_Null()
    {
        await StartBusAsync();

        Assert.That(TimedatedSync.NtpSynchronized(_bus), Is.Null);
    }

    [Test]
    public void NtpSynchronized_NoBus_Null()
    {
        Assert.That(TimedatedSync.NtpSynchronized(_bus), Is.Null);
    }

    [TestCase(null, TimedatedSync.DefaultSystemBus)]
    [TestCase("unix:path=/tmp/x/bus", "/tmp/x/bus")]
    [TestCase("unix:path=/tmp/x/bus,guid=6e35", "/tmp/x/bus")]
    [TestCase("tcp:host=127.0.0.1,port=1", TimedatedSync.DefaultSystemBus)]
    public void SystemBusPath_Address_UnixPathOrDefault(string? address, string expected)
    {
        Assert.That(TimedatedSync.SystemBusPath(address), Is.EqualTo(expected));
    }

    private async Task StartBusAsync()
    {
        Start("/usr/bin/dbus-daemon", ["--config-file=" + Path.Combine(_directory, "bus.conf"), "--nofork"], []);
        for (var i = 0; i < 200 && !File.Exists(_bus); i++)
        {
            await Task.Delay(25);
        }

        Assert.That(File.Exists(_bus), Is.True, "dbus-daemon did not listen (apt-get install dbus-daemon; ./test.sh installs it)");
    }

    private void Start(string path, string[] arguments, Dictionary<string, string> environment)
    {
        Assert.That(File.Exists(path), Is.True, $"{path} is missing (Debian packages dbus-daemon and systemd)");
        var info = new ProcessStartInfo(path) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        arguments.ToList().ForEach(info.ArgumentList.Add);
        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }

        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _processes.Add(process);
    }
}
