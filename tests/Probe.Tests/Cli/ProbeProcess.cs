using System.Diagnostics;

namespace Probe.Tests.Cli;

/// <summary>Runs the real <c>probe</c> executable (the built probe.dll next to the tests) and captures what it printed.</summary>
internal static class ProbeProcess
{
    public static string ProbeDll => Path.Combine(AppContext.BaseDirectory, "probe.dll");

    /// <summary>
    /// How probe is started: <c>dotnet probe.dll</c>, or a published binary named by PROBE_TEST_BINARY
    /// (e.g. the NativeAOT build), so the same tests can be run against what ships.
    /// </summary>
    public static IReadOnlyList<string> Command =>
        Environment.GetEnvironmentVariable("PROBE_TEST_BINARY") is { Length: > 0 } binary ? [binary] : ["dotnet", ProbeDll];

    public static async Task<ProbeRun> RunAsync(IEnumerable<string> args, TimeSpan timeout, IDictionary<string, string>? environment = null, string? wrapWith = null)
    {
        // e.g. "unshare --net": the probe then runs in an empty network namespace.
        var arguments = (wrapWith?.Split(' ', StringSplitOptions.RemoveEmptyEntries) ?? []).Concat(Command).Concat(args).ToList();
        var fileName = arguments[0];
        arguments.RemoveAt(0);
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in arguments)
        {
            start.ArgumentList.Add(a);
        }

        // The tests must never read the machine's own /etc/probe/probe.json by accident.
        start.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        var watch = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start probe");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            Assert.Fail($"probe {string.Join(' ', args)} did not finish within {timeout}; stderr: {await stderr}");
        }

        return new ProbeRun(process.ExitCode, await stdout, await stderr, watch.Elapsed);
    }
}

/// <summary>What one run of the probe printed and how it ended.</summary>
internal sealed record ProbeRun(int ExitCode, string Stdout, string Stderr, TimeSpan Elapsed)
{
    public override string ToString() => $"exit {ExitCode} after {Elapsed.TotalSeconds:0.0}s\n--- stdout\n{Stdout}\n--- stderr\n{Stderr}";
}
