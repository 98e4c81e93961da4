using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Probe.Tests.Upload;

/// <summary>A real server binary started on loopback in its own temp dir, killed (with its tree) and cleaned up on Dispose.</summary>
internal sealed class LoopbackServerProcess : IDisposable
{
    private readonly Process _process;
    private readonly string _logPath;

    private LoopbackServerProcess(Process process, string logPath)
    {
        _process = process;
        _logPath = logPath;
    }

    /// <summary>A TCP port free on 127.0.0.1 right now (the kernel picks it).</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>The absolute path of a binary, or a failure naming the Debian package that ships it (never a skip).</summary>
    public static string RequireBinary(string name, string debianPackage)
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Append("/usr/sbin").Append("/usr/bin"))
        {
            var path = Path.Combine(dir, name);
            if (File.Exists(path))
            {
                return path;
            }
        }

        Assert.Fail($"{name} is not installed: install the Debian package '{debianPackage}' (./test.sh does it)");
        throw new UnreachableException();
    }

    public static LoopbackServerProcess Start(string binary, IEnumerable<string> arguments, string workDir)
    {
        var logPath = Path.Combine(workDir, "server.log");
        var info = new ProcessStartInfo(binary)
        {
            WorkingDirectory = workDir,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException($"cannot start {binary}");
        var log = new StreamWriter(logPath) { AutoFlush = true };
        var gate = new object();
        var closed = false;
        // Output may still trickle in after Exited: a write to a closed log must not throw on the event thread.
        void Append(string? line)
        {
            lock (gate)
            {
                if (line is not null && !closed)
                {
                    log.WriteLine(line);
                }
            }
        }

        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.Exited += (_, _) =>
        {
            lock (gate)
            {
                closed = true;
                log.Dispose();
            }
        };
        process.EnableRaisingEvents = true;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new LoopbackServerProcess(process, logPath);
    }

    public bool HasExited => _process.HasExited;

    public string LogTail()
    {
        try
        {
            using var stream = new FileStream(_logPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var reader = new StreamReader(stream);
            var text = reader.ReadToEnd();
            return text.Length > 3000 ? text[^3000..] : text;
        }
        catch (IOException)
        {
            return "";
        }
    }

    /// <summary>Polls <paramref name="healthUrl"/> until it answers 2xx; fails with the server's log if it dies or takes over 30 s.</summary>
    public async Task WaitHealthyAsync(Uri healthUrl, string name)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(30))
        {
            if (_process.HasExited)
            {
                Assert.Fail($"{name} exited with {_process.ExitCode} before it was healthy:\n{LogTail()}");
            }

            try
            {
                using var response = await http.GetAsync(healthUrl);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Listening but not answering yet.
            }

            // Readiness poll of a process we just started: there is no signal to await instead.
            await Task.Delay(50);
        }

        Assert.Fail($"{name} was not healthy within 30 s:\n{LogTail()}");
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        _process.Dispose();
    }
}
