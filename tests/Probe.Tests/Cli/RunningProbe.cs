using System.Diagnostics;
using System.Text;

namespace Probe.Tests.Cli;

/// <summary>A <c>probe run</c> daemon started as a real process, its stderr collected line by line, stopped with SIGTERM or SIGKILL.</summary>
internal sealed class RunningProbe : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _stderr = new();
    private readonly object _gate = new();
    private readonly List<(string Needle, int Times, TaskCompletionSource Seen)> _waiters = [];

    private RunningProbe(Process process) => _process = process;

    public int Pid => _process.Id;

    public string Stderr
    {
        get
        {
            lock (_gate)
            {
                return _stderr.ToString();
            }
        }
    }

    public static RunningProbe Start(string configPath, string? wrapWith = null)
    {
        var parts = (wrapWith?.Split(' ', StringSplitOptions.RemoveEmptyEntries) ?? []).Concat(ProbeProcess.Command).ToList();
        var start = new ProcessStartInfo(parts[0])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var a in parts.Skip(1).Concat(["run", "--config", configPath]))
        {
            start.ArgumentList.Add(a);
        }

        var probe = new RunningProbe(Process.Start(start) ?? throw new InvalidOperationException("probe run did not start"));
        probe._process.ErrorDataReceived += (_, e) => probe.OnLine(e.Data);
        probe._process.OutputDataReceived += (_, e) => probe.OnLine(e.Data);
        probe._process.BeginErrorReadLine();
        probe._process.BeginOutputReadLine();
        return probe;
    }

    private void OnLine(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_gate)
        {
            _stderr.AppendLine(line);
            var text = _stderr.ToString();
            foreach (var waiter in _waiters.Where(w => line.Contains(w.Needle, StringComparison.Ordinal) && Occurrences(text, w.Needle) >= w.Times).ToList())
            {
                waiter.Seen.TrySetResult();
                _waiters.Remove(waiter);
            }
        }
    }

    /// <summary>Completes when a line containing <paramref name="needle"/> is printed (or was already).</summary>
    public Task WaitForLineAsync(string needle, TimeSpan timeout) => WaitForLineAsync(needle, 1, timeout);

    /// <summary>Completes when lines containing <paramref name="needle"/> have been printed <paramref name="times"/> times.</summary>
    public async Task WaitForLineAsync(string needle, int times, TimeSpan timeout)
    {
        var seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            if (Occurrences(_stderr.ToString(), needle) >= times)
            {
                return;
            }

            _waiters.Add((needle, times, seen));
        }

        var finished = await Task.WhenAny(seen.Task, Task.Delay(timeout), _process.WaitForExitAsync());
        if (finished != seen.Task)
        {
            Assert.Fail($"expected {times} line(s) containing '{needle}' within {timeout}; the probe {(_process.HasExited ? $"exited {_process.ExitCode}" : "is still running")}; it printed:\n{Stderr}");
        }
    }

    private static int Occurrences(string text, string needle)
    {
        var count = 0;
        for (var at = text.IndexOf(needle, StringComparison.Ordinal); at >= 0; at = text.IndexOf(needle, at + needle.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    /// <summary>Sends SIGTERM and waits for the exit code.</summary>
    public async Task<int> TerminateAsync(TimeSpan timeout)
    {
        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"probe run did not stop within {timeout} of SIGTERM; it printed:\n{Stderr}");
        }

        return _process.ExitCode;
    }

    /// <summary>SIGKILL, as a power cut would.</summary>
    public async Task KillAsync()
    {
        _process.Kill();
        await _process.WaitForExitAsync();
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process.Dispose();
    }
}
