using System.Diagnostics;
using System.Runtime.InteropServices;
using Probe.Tests.Cli;
using Probe.Tests.Fixtures;

namespace Probe.Tests.Drills;

/// <summary>
/// <c>probe run</c>, the real binary, running inside the drill's network namespace (nsenter execs dotnet in place, so
/// the process id is the daemon's). Its output goes to a shared <see cref="DaemonLog"/>, so restarts continue one log.
/// </summary>
internal sealed class DrillDaemon : IDisposable
{
    private const int SigTerm = 15;
    private readonly Process _process;
    private readonly DaemonLog _log;

    private DrillDaemon(Process process, DaemonLog log)
    {
        _process = process;
        _log = log;
    }

    public bool HasExited => _process.HasExited;

    public static DrillDaemon Start(NetworkNamespace ns, string configPath, DaemonLog log)
    {
        var info = new ProcessStartInfo(FixtureProcess.Require("nsenter", "util-linux"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        var command = ProbeProcess.Command.Count > 1 ? [FixtureProcess.Require("dotnet", "dotnet-sdk"), .. ProbeProcess.Command.Skip(1)] : ProbeProcess.Command;
        foreach (var a in new[] { $"--net={ns.Path}", "--" }.Concat(command).Concat(["run", "--config", configPath]))
        {
            info.ArgumentList.Add(a);
        }

        info.Environment["DOTNET_NOLOGO"] = "1";
        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) => AppendLine(log, e.Data);
        process.ErrorDataReceived += (_, e) => AppendLine(log, e.Data);
        process.Exited += (_, _) => log.Pulse();
        log.Append($"{DateTimeOffset.UtcNow:yyyy-MM-ddTHH:mm:ss.fffZ} drill: starting probe run --config {configPath}");
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new DrillDaemon(process, log);
    }

    /// <summary>A power cut, as far as the daemon can tell: SIGKILL, no chance to flush.</summary>
    public void KillHard()
    {
        _log.Append($"{DateTimeOffset.UtcNow:yyyy-MM-ddTHH:mm:ss.fffZ} drill: SIGKILL to the daemon (pid {_process.Id})");
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    /// <summary>What systemd does on stop: SIGTERM, then the daemon's own clean shutdown; returns its exit code.</summary>
    public int Stop(TimeSpan grace)
    {
        if (_process.HasExited)
        {
            return _process.ExitCode;
        }

        _ = kill(_process.Id, SigTerm);
        if (!_process.WaitForExit(grace))
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
            throw new TimeoutException($"probe run did not stop within {grace} of SIGTERM; killed");
        }

        _process.WaitForExit();
        return _process.ExitCode;
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(5000);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        _process.Dispose();
    }

    private static void AppendLine(DaemonLog log, string? line)
    {
        if (line is not null)
        {
            log.Append(line);
        }
    }

    [DllImport("libc", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
#pragma warning disable SYSLIB1054 // A plain DllImport keeps the test project free of unsafe code.
    private static extern int kill(int pid, int signal);
#pragma warning restore SYSLIB1054
}
