using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Probe.Tests.Fixtures;

/// <summary>A server process a fixture started: found on PATH or failing clearly, its output kept, killed on Dispose.</summary>
public sealed class FixtureProcess : IDisposable
{
    private static readonly string[] SearchDirectories = ["/usr/sbin", "/usr/bin", "/sbin", "/bin", "/usr/local/sbin", "/usr/local/bin"];
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private FixtureProcess(Process process) => _process = process;

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public bool HasExited => _process.HasExited;

    /// <summary>The full path of an installed program, or an exception naming the Debian package to install.</summary>
    public static string Require(string binary, string debianPackage)
    {
        var path = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Concat(SearchDirectories)
            .Select(d => Path.Combine(d, binary))
            .FirstOrDefault(File.Exists);
        return path ?? throw new InvalidOperationException(
            $"'{binary}' is not installed: this test needs Debian's '{debianPackage}' package (./test.sh installs it)");
    }

    /// <summary>Starts a program, inside <paramref name="ns"/> when given.</summary>
    public static FixtureProcess Start(string binary, string debianPackage, IEnumerable<string> arguments, NetworkNamespace? ns = null)
    {
        var path = Require(binary, debianPackage);
        var info = new ProcessStartInfo
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        if (ns is null)
        {
            info.FileName = path;
        }
        else
        {
            info.FileName = Require("nsenter", "util-linux");
            info.ArgumentList.Add($"--net={ns.Path}");
            info.ArgumentList.Add("--");
            info.ArgumentList.Add(path);
        }

        foreach (var a in arguments)
        {
            info.ArgumentList.Add(a);
        }

        var process = new Process { StartInfo = info };
        var fixture = new FixtureProcess(process);
        process.OutputDataReceived += (_, e) => fixture.Append(e.Data);
        process.ErrorDataReceived += (_, e) => fixture.Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return fixture;
    }

    /// <summary>Waits until something accepts TCP connections at <paramref name="endpoint"/>; fails with the server's output.</summary>
    public void WaitForTcp(IPEndPoint endpoint, NetworkNamespace? ns = null, TimeSpan? timeout = null)
    {
        var until = Stopwatch.StartNew();
        var limit = timeout ?? TimeSpan.FromSeconds(10);
        while (until.Elapsed < limit)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"{_process.StartInfo.FileName} exited with {_process.ExitCode}: {Output}");
            }

            if (ns is null ? CanConnect(endpoint) : ns.Invoke(() => CanConnect(endpoint)))
            {
                return;
            }

            // Readiness polling of a foreign process: there is no signal to await.
            Thread.Sleep(20);
        }

        throw new TimeoutException($"{_process.StartInfo.FileName} did not listen on {endpoint} within {limit}: {Output}");
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

    private static bool CanConnect(IPEndPoint endpoint)
    {
        using var socket = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            socket.Connect(endpoint);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }
}
