using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Probe.Tests.Fixtures;

/// <summary>
/// A private network namespace with only loopback up, so nftables rules and dropped packets never touch the
/// host's network. Held by a `cat` process started with `unshare --net`: it ends when Dispose closes its stdin, or
/// when the test process dies (its stdin pipe closes), so no namespace outlives the tests.
/// Run programs inside with <see cref="Run"/> (nsenter) or <see cref="FixtureProcess.Start"/>; run in-process code
/// inside with <see cref="Invoke{T}"/> or <see cref="InvokeAsync{T}"/>.
/// </summary>
public sealed class NetworkNamespace : IDisposable
{
    private const int CloneNewNet = 0x40000000;
    private readonly Process _holder;

    private NetworkNamespace(Process holder)
    {
        _holder = holder;
        Path = $"/proc/{holder.Id}/ns/net";
    }

    /// <summary>The namespace file, for nsenter --net= or setns.</summary>
    public string Path { get; }

    /// <summary>Creates the namespace; without <paramref name="loopbackUp"/> it has no network at all, not even 127.0.0.1.</summary>
    public static NetworkNamespace Create(bool loopbackUp = true)
    {
        var info = new ProcessStartInfo(FixtureProcess.Require("unshare", "util-linux"))
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var up = loopbackUp ? $"{FixtureProcess.Require("ip", "iproute2")} link set lo up && " : "";
        foreach (var a in new[] { "--net", "--", "sh", "-c", $"{up}echo ready && exec cat" })
        {
            info.ArgumentList.Add(a);
        }

        var holder = Process.Start(info)!;
        var ready = holder.StandardOutput.ReadLine();
        if (ready != "ready")
        {
            var error = holder.StandardError.ReadToEnd();
            holder.Dispose();
            throw new InvalidOperationException($"could not create a network namespace (needs root or user namespaces): {error}");
        }

        return new NetworkNamespace(holder);
    }

    /// <summary>Runs a program inside the namespace to its end; throws with its output when it fails.</summary>
    public string Run(string binary, string debianPackage, params string[] arguments)
    {
        var info = new ProcessStartInfo(FixtureProcess.Require("nsenter", "util-linux"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var a in new[] { $"--net={Path}", "--", FixtureProcess.Require(binary, debianPackage) }.Concat(arguments))
        {
            info.ArgumentList.Add(a);
        }

        using var process = Process.Start(info)!;
        process.StandardInput.Close();
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{binary} {string.Join(' ', arguments)} failed ({process.ExitCode}): {stderr.Result}{stdout}");
        }

        return stdout;
    }

    /// <summary>Loads an nftables ruleset (nft -f syntax) into the namespace.</summary>
    public void ApplyNftables(string ruleset)
    {
        var file = System.IO.Path.GetTempFileName();
        try
        {
            File.WriteAllText(file, ruleset);
            Run("nft", "nftables", "-f", file);
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>Runs <paramref name="work"/> on a thread inside the namespace: sockets it creates belong to the namespace.</summary>
    public T Invoke<T>(Func<T> work) => InvokeAsync(() => Task.FromResult(work())).GetAwaiter().GetResult();

    /// <summary>
    /// Runs async work on a dedicated thread inside the namespace, with a single-threaded synchronization context so
    /// that every continuation of <paramref name="work"/> (that does not use ConfigureAwait(false)) also runs there.
    /// Sockets created by library code on thread-pool threads would not be in the namespace.
    /// </summary>
    public Task<T> InvokeAsync<T>(Func<Task<T>> work)
    {
        var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() => RunInside(work, done)) { IsBackground = true, Name = "netns" };
        thread.Start();
        return done.Task;
    }

    public void Dispose()
    {
        try
        {
            _holder.StandardInput.Close();
            if (!_holder.WaitForExit(5000))
            {
                _holder.Kill();
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        _holder.Dispose();
    }

    private void RunInside<T>(Func<Task<T>> work, TaskCompletionSource<T> done)
    {
        try
        {
            using (var handle = File.OpenHandle(Path))
            {
                if (setns((int)handle.DangerousGetHandle(), CloneNewNet) != 0)
                {
                    throw new InvalidOperationException($"setns({Path}) failed: errno {Marshal.GetLastPInvokeError()}");
                }
            }

            using var context = new SingleThreadContext();
            SynchronizationContext.SetSynchronizationContext(context);
            var task = work();
            task.ContinueWith(_ => context.Complete(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            context.RunUntilComplete();
            done.SetResult(task.GetAwaiter().GetResult());
        }
        catch (Exception e)
        {
            done.TrySetException(e);
        }
    }

    [DllImport("libc", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
#pragma warning disable SYSLIB1054 // A plain DllImport keeps the test project free of unsafe code.
    private static extern int setns(int fd, int nstype);
#pragma warning restore SYSLIB1054
}
