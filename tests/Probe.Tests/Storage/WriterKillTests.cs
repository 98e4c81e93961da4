using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Threading.Channels;

namespace Probe.Tests.Storage;

[Category("Integration")]
public sealed class WriterKillTests : StoreTestBase
{
    private const int Runs = 25;

    [Test]
    public async Task AppendResults_WriterKilledMidBatchManyTimes_OpensAndNoCommittedRowLost()
    {
        var writer = WriterPath();
        var random = new Random(20261128);
        for (var run = 0; run < Runs; run++)
        {
            var prefix = $"r{run}-";
            var lastCommitted = await RunAndKillAsync(writer, prefix, batchesBeforeKill: random.Next(1, 6), extraDelayMs: random.Next(0, 20));

            using var sut = CreateSut();
            var stored = (await sut.AllAsync())
                .Select(p => p.Point.Tag("target"))
                .Where(t => t.StartsWith(prefix, StringComparison.Ordinal))
                .Select(t => long.Parse(t[prefix.Length..], CultureInfo.InvariantCulture))
                .ToHashSet();
            var lost = Enumerable.Range(0, (int)lastCommitted + 1).Where(n => !stored.Contains(n)).ToList();

            Assert.That(lost, Is.Empty, $"run {run}: rows committed before the kill (up to {lastCommitted}) are missing");
            Assert.That(Fixture.Logger.Entries.Select(e => e.EventId), Does.Not.Contain(1501), $"run {run}: the store was quarantined");
        }
    }

    [Test]
    public async Task AppendResults_StagedWriterKilledManyTimesMidBatchOrMidMove_EveryCommittedRowOnTheCardOnce()
    {
        // The daemon's way (PROBE.md §5): batches committed on the stage, moved every 30 ms here so kills land in moves too.
        // The stage file outlives each kill, as /run/probe outlives a crash; the next store to open it moves what is left.
        var writer = WriterPath();
        var random = new Random(20261207);
        var stage = new Probe.Storage.StoreStage(Fixture.StagePath, TimeSpan.FromMilliseconds(30));
        Directory.CreateDirectory(Path.GetDirectoryName(Fixture.StagePath)!);
        var committed = new Dictionary<string, long>();
        for (var run = 0; run < Runs; run++)
        {
            var prefix = $"s{run}-";
            committed[prefix] = await RunAndKillAsync(
                writer, prefix, batchesBeforeKill: random.Next(1, 8), extraDelayMs: random.Next(0, 40), stage.Path, ((int)stage.MoveInterval.TotalMilliseconds).ToString(CultureInfo.InvariantCulture));
            if (random.Next(3) == 0)
            {
                // Now and then a store opens the stage between kills, as a restarted daemon does, and stops cleanly.
                using var between = Fixture.CreateSut(stage);
                await between.AppendHealthAsync(new Probe.Storage.HealthSample(Fixture.Clock.Read(), 1, 1, 0, 0, 1, 1, 1), CancellationToken.None);
            }
        }

        using (Fixture.CreateSut(stage))
        {
            // Disposing moves the stage's leftovers.
        }

        using var sut = CreateSut();
        var targets = (await sut.AllAsync()).Select(p => p.Point.Tag("target")).OfType<string>().ToList();
        Assert.Multiple(() =>
        {
            foreach (var (prefix, lastCommitted) in committed)
            {
                var stored = targets.Where(t => t.StartsWith(prefix, StringComparison.Ordinal)).Select(t => long.Parse(t[prefix.Length..], CultureInfo.InvariantCulture)).ToList();
                var lost = Enumerable.Range(0, (int)lastCommitted + 1).Where(n => !stored.Contains(n)).ToList();
                Assert.That(lost, Is.Empty, $"{prefix}: rows committed on the stage before the kill (up to {lastCommitted}) are missing from the card");
                Assert.That(stored, Is.Unique, $"{prefix}: a row reached the card twice");
            }

            Assert.That(Fixture.Logger.Entries.Select(e => e.EventId), Does.Not.Contain(1501), "the store was quarantined");
        });
    }

    /// <summary>Starts the writer, waits for some committed batches, SIGKILLs it and returns the last number it reported committed.</summary>
    private async Task<long> RunAndKillAsync(string writer, string prefix, int batchesBeforeKill, int extraDelayMs, params string[] stage)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { writer, Fixture.Path, "500", prefix }.Concat(stage))
        {
            start.ArgumentList.Add(argument);
        }

        var lines = Channel.CreateUnbounded<string>();
        var errors = new StringBuilder();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is { } line)
            {
                lines.Writer.TryWrite(line);
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            lock (errors)
            {
                errors.AppendLine(e.Data);
            }
        };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var lastCommitted = -1L;
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            for (var seen = 0; seen < batchesBeforeKill; seen++)
            {
                var line = await lines.Reader.ReadAsync(timeout.Token);
                lastCommitted = long.Parse(line, CultureInfo.InvariantCulture);
            }

            // A random moment inside the next batch, not a wait for an effect.
            await Task.Delay(extraDelayMs);
        }
        catch (OperationCanceledException)
        {
            Assert.Fail("the writer reported no committed batch within 60 s: " + errors);
        }
        finally
        {
            process.Kill(); // SIGKILL on Linux: no finalizers, no flush, no clean close.
            await process.WaitForExitAsync();
        }

        // Lines written before the kill still count as committed.
        while (lines.Reader.TryRead(out var more))
        {
            lastCommitted = long.Parse(more, CultureInfo.InvariantCulture);
        }

        return lastCommitted;
    }

    private static string WriterPath()
    {
        // tests/Probe.Tests/bin/<Configuration>/<tfm>/ → tests/Probe.Tests.Writer/bin/<Configuration>/<tfm>/
        var here = new DirectoryInfo(TestContext.CurrentContext.TestDirectory);
        var tfm = here.Name;
        var configuration = here.Parent!.Name;
        var tests = here.Parent.Parent!.Parent!.Parent!.FullName;
        var path = Path.Combine(tests, "Probe.Tests.Writer", "bin", configuration, tfm, "Probe.Tests.Writer.dll");
        Assert.That(File.Exists(path), Is.True, $"The writer child process is not built at {path}: build Probe.sln (it includes tests/Probe.Tests.Writer).");
        return path;
    }
}
