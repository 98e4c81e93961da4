using System.Diagnostics;
using Probe.Tests.Cli;

namespace Probe.Tests.Drills;

/// <summary>The world and the running daemon shared by every scenario of the suite, and the figures gathered so far.</summary>
internal sealed class DrillSession : IDisposable
{
    public static readonly TimeSpan CommitTimeout = TimeSpan.FromSeconds(60);

    /// <summary>How long a delivery check re-reads VictoriaMetrics before it calls a row lost.</summary>
    public static readonly TimeSpan VmVisibilityLag = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan CliTimeout = TimeSpan.FromSeconds(120);

    private DrillSession(DrillWorld world, string artifacts)
    {
        World = world;
        Artifacts = artifacts;
    }

    public DrillWorld World { get; }

    public DaemonLog Log { get; } = new();

    public DrillDaemon Daemon { get; private set; } = null!;

    public string Artifacts { get; }

    public List<ScenarioResult> Results { get; } = [];

    /// <summary>Lines printed under the results table.</summary>
    public List<string> Notes { get; } = [];

    /// <summary>Check results up to this time (Unix ms) were already counted by an earlier scenario's delivery check.</summary>
    public long CountedUntilMs { get; set; }

    /// <summary>
    /// Results are stamped when measured but stored when their cycle ends (a round may take Timeout × (waves + 2)): rows
    /// stamped this long before an upload began are surely in the store when it reads.
    /// </summary>
    public static TimeSpan StoreLag => DrillScale.CheckTimeout * 5;

    public static async Task<DrillSession> StartAsync(string artifacts)
    {
        Directory.CreateDirectory(artifacts);
        var session = new DrillSession(DrillWorld.Start(), artifacts);
        try
        {
            File.Copy(session.World.ConfigPath, Path.Combine(artifacts, "probe.json"), overwrite: true);
            session.StartDaemon();
            await session.CommitAsync(0, "online", TimeSpan.FromSeconds(90), "the first verdict after start");
            return session;
        }
        catch
        {
            File.WriteAllLines(Path.Combine(artifacts, "startup-daemon.log"), session.Log.Since(0).Select(l => l.Text));
            session.Dispose();
            throw;
        }
    }

    public int StartDaemon()
    {
        var mark = Log.Count;
        Daemon = DrillDaemon.Start(World.Namespace, World.ConfigPath, Log);
        return mark;
    }

    /// <summary>The last state the daemon's log shows committed, or unknown.</summary>
    public string LastCommitted => Log.Since(0).LastOrDefault(l => l.CommittedState is not null)?.CommittedState ?? "unknown";

    /// <summary>Waits for a commit of <paramref name="state"/> from line <paramref name="from"/> on; fails saying what was committed instead.</summary>
    public async Task<DaemonLine> CommitAsync(int from, string state, TimeSpan timeout, string context)
    {
        var daemon = Daemon;
        var line = await Log.WaitForAsync(from, l => l.CommittedState == state, timeout, () => daemon.HasExited);
        if (line is not null)
        {
            return line;
        }

        var lines = Log.Since(from);
        var committed = lines.Where(l => l.CommittedState is not null).Select(l => l.Text).ToList();
        Assert.Fail(
            $"{context}: expected the daemon to commit '{state}' within {timeout.TotalSeconds:0} s, " +
            (daemon.HasExited ? "but the daemon exited; " : "") +
            $"it committed instead: [{string.Join(" | ", committed)}]; its last lines:\n{string.Join('\n', lines.TakeLast(25).Select(l => l.Text))}");
        throw new InvalidOperationException("unreachable");
    }

    /// <summary>
    /// <c>probe upload</c>, then VictoriaMetrics' export, then <c>probe export</c> (lp and json), all kept under
    /// <paramref name="slug"/>; counts the check results made since the last tally. <paramref name="final"/>: the daemon
    /// is stopped, so every row must be delivered, up to the last.
    /// </summary>
    public async Task<Tally> TallyAsync(string slug, bool final)
    {
        var dir = Directory.CreateDirectory(Path.Combine(Artifacts, slug)).FullName;
        var uploadStart = DateTimeOffset.UtcNow;
        var upload = await ProbeAsync("upload");
        var cutoff = final ? long.MaxValue : (uploadStart - StoreLag).ToUnixTimeMilliseconds();
        var patience = Stopwatch.StartNew();
        string vmExport;
        ProbeRun lp;
        DeliveryCount delivery;
        while (true)
        {
            // VictoriaMetrics first, the probe's store second: whatever VM holds, the later export must explain.
            vmExport = World.Analysts.ExportRaw();
            lp = await ProbeAsync("export", "--format", "lp");
            delivery = DeliveryLedger.Count(lp.Stdout, vmExport, CountedUntilMs, cutoff);
            if (delivery.AllRowsMissing == 0 || patience.Elapsed > VmVisibilityLag)
            {
                break;
            }

            // A series VictoriaMetrics has just registered can take seconds to show in its export even after a flush;
            // polling a foreign server, there is no signal to await.
            await Task.Delay(TimeSpan.FromSeconds(1));
        }

        var json = await ProbeAsync("export", "--format", "json");
        await File.WriteAllTextAsync(Path.Combine(dir, "upload.txt"), upload.ToString());
        await File.WriteAllTextAsync(Path.Combine(dir, "export.lp"), lp.Stdout);
        await File.WriteAllTextAsync(Path.Combine(dir, "export.json"), json.Stdout);
        await File.WriteAllTextAsync(Path.Combine(dir, "victoria-metrics-export.ndjson"), vmExport);
        CountedUntilMs = cutoff;
        return new Tally(dir, upload, lp, json, vmExport, delivery);
    }

    /// <summary>Runs a probe command inside the namespace (where the store and the servers are) and keeps what it printed.</summary>
    public Task<ProbeRun> ProbeAsync(params string[] arguments) =>
        ProbeProcess.RunAsync([.. arguments, "--config", World.ConfigPath], CliTimeout, wrapWith: $"nsenter --net={World.Namespace.Path}");

    public void Dispose()
    {
        try
        {
            if (Daemon is not null && !Daemon.HasExited)
            {
                Daemon.Stop(TimeSpan.FromSeconds(25));
            }
        }
        catch (TimeoutException)
        {
            // Stop killed it; the log says why.
        }
        finally
        {
            Daemon?.Dispose();
            File.WriteAllLines(Path.Combine(Artifacts, "daemon-all.log"), Log.Since(0).Select(l => l.Text));
            File.WriteAllText(Path.Combine(Artifacts, "victoria-metrics.log"), World.Analysts?.Output ?? "");
            World.Dispose();
        }
    }
}
