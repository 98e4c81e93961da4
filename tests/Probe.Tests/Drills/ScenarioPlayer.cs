using System.Text.Json;

namespace Probe.Tests.Drills;

/// <summary>
/// Plays one scenario on the shared session: from online, cut (as often as the spec says), wait for the committed
/// verdict, restore, wait for online; then upload, read back both stores and check verdicts, LEDs and delivery.
/// </summary>
internal sealed class ScenarioPlayer(DrillSession session, ScenarioSpec spec)
{
    private readonly List<(DateTimeOffset Cut, DateTimeOffset Restore)> _cuts = [];

    /// <param name="cut">Starts the disruption.</param>
    /// <param name="restore">Lifts it.</param>
    /// <param name="whileCut">Runs after the cut's verdict is committed and before the restore (the reboot).</param>
    /// <param name="expectedVerdicts">The committed sequence, when it is not the spec's plain one.</param>
    /// <param name="checkFindings">Checks the findings of the scenario's committed verdicts; returns problems.</param>
    public async Task<ScenarioResult> PlayAsync(
        Action cut,
        Action restore,
        Func<Task>? whileCut = null,
        IReadOnlyList<string>? expectedVerdicts = null,
        Func<IReadOnlyList<VerdictRecord>, IEnumerable<string>>? checkFindings = null)
    {
        if (session.LastCommitted != "online")
        {
            // An earlier scenario failed half-way: let the probe settle back to online before this one begins.
            await session.CommitAsync(session.Log.Count, "online", DrillSession.CommitTimeout, $"scenario {spec.Number} must start from online");
        }

        var mark = session.Log.Count;
        var start = DateTimeOffset.UtcNow;
        session.Log.Append($"{start:yyyy-MM-ddTHH:mm:ss.fffZ} drill: scenario {spec.Number} {spec.Name}");
        var shownBefore = session.LastCommitted;
        try
        {
            for (var i = 0; i < spec.Cuts; i++)
            {
                var from = session.Log.Count;
                var cutAt = DateTimeOffset.UtcNow;
                session.Log.Append($"{cutAt:yyyy-MM-ddTHH:mm:ss.fffZ} drill: cut {i + 1} ({spec.Name})");
                cut();
                await session.CommitAsync(from, spec.CutState, DrillSession.CommitTimeout, $"scenario {spec.Number} ({spec.Name}), cut {i + 1}");
                if (whileCut is not null)
                {
                    await whileCut();
                }

                var restoreAt = DateTimeOffset.UtcNow;
                var restoreMark = session.Log.Count;
                session.Log.Append($"{restoreAt:yyyy-MM-ddTHH:mm:ss.fffZ} drill: restore {i + 1}");
                restore();
                _cuts.Add((cutAt, restoreAt));
                await session.CommitAsync(restoreMark, "online", DrillSession.CommitTimeout, $"scenario {spec.Number} ({spec.Name}), after restore {i + 1}");
            }
        }
        catch
        {
            restore();
            await SaveLogAsync(mark);
            throw;
        }

        return await FinishAsync(mark, start, shownBefore, expectedVerdicts ?? spec.ExpectedVerdicts, checkFindings);
    }

    private async Task<ScenarioResult> FinishAsync(
        int mark, DateTimeOffset start, string shownBefore, IReadOnlyList<string> expected, Func<IReadOnlyList<VerdictRecord>, IEnumerable<string>>? checkFindings)
    {
        var (dir, upload, lp, json, _, delivery) = await session.TallyAsync(spec.Slug, final: false);
        await SaveLogAsync(mark);

        var lines = session.Log.Since(mark);
        var verdicts = VerdictRecord.FromExport(json.Stdout).Where(v => v.Time >= start).ToList();
        var states = verdicts.Select(v => v.State).ToList();
        var detection = new List<double>();
        var recovery = new List<double>();
        foreach (var (cut, restore) in _cuts)
        {
            if (verdicts.FirstOrDefault(v => v.Time >= cut && v.State == spec.CutState) is { } detected)
            {
                detection.Add((detected.Time - cut).TotalSeconds);
            }

            if (verdicts.FirstOrDefault(v => v.Time >= restore && v.State == "online") is { } online)
            {
                recovery.Add((online.Time - restore).TotalSeconds);
            }
        }

        var (ledsExpected, ledsSeen) = LedExpectation.Compare(session.Log.Since(0), mark, shownBefore);
        var findingProblems = checkFindings?.Invoke(verdicts).ToList() ?? [];
        var problems = new List<string>();
        if (!states.SequenceEqual(expected))
        {
            problems.Add($"committed verdicts: expected [{string.Join(", ", expected)}], the store holds [{string.Join(" | ", verdicts)}]");
        }

        if (!ledsSeen.SequenceEqual(ledsExpected))
        {
            problems.Add($"network LEDs: expected [{string.Join(", ", ledsExpected)}], the log driver printed [{string.Join(", ", ledsSeen)}]");
        }

        var powerOff = lines.Where(l => l.Led == "power off").ToList();
        if (powerOff.Count > 0)
        {
            problems.Add($"power LED: expected a steady heartbeat (loops healthy) through the scenario, it went dark: {string.Join(" | ", powerOff)}");
        }

        if (detection.Count != _cuts.Count || recovery.Count != _cuts.Count)
        {
            problems.Add($"timing: {_cuts.Count} cuts, but {detection.Count} detections and {recovery.Count} recoveries found in the store");
        }

        if (detection.Concat(recovery).Any(seconds => seconds > DrillScale.Goal.TotalSeconds))
        {
            problems.Add($"timing: expected detection and recovery within {DrillScale.Goal.TotalSeconds:0} s (issue 5), " +
                $"measured detection {ScenarioResult.Seconds(detection)} s, recovery {ScenarioResult.Seconds(recovery)} s");
        }

        if (delivery.AllRowsMissing > 0 || delivery.Made != delivery.Delivered || delivery.Doubled > 0 || delivery.Made == 0)
        {
            problems.Add($"delivery: expected every result made before the upload in VictoriaMetrics exactly once, saw {delivery}");
        }

        if (lp.ExitCode != 0 || json.ExitCode != 0 || upload.ExitCode is not (0 or 1))
        {
            problems.Add($"commands: upload exit {upload.ExitCode}, export lp exit {lp.ExitCode}, export json exit {json.ExitCode} (see artifacts)");
        }

        problems.AddRange(findingProblems.Select(p => $"findings: {p}"));
        var result = new ScenarioResult(spec.Number, spec.Name, detection, recovery, spec.Detection, spec.Recovery, delivery, states, problems.Count == 0);
        session.Results.RemoveAll(r => r.Number == spec.Number);
        session.Results.Add(result);
        await File.WriteAllTextAsync(Path.Combine(dir, "summary.txt"),
            $"verdicts: {string.Join(" | ", verdicts)}\nnetwork leds: {string.Join(", ", ledsSeen)}\n" +
            $"upload led: {string.Join(", ", lines.Select(l => l.Led).Where(l => l?.StartsWith("upload ", StringComparison.Ordinal) == true))}\ndetection s: {ScenarioResult.Seconds(detection)}\n" +
            $"recovery s: {ScenarioResult.Seconds(recovery)}\ndelivery: {delivery}\nproblems:\n{string.Join('\n', problems)}\n");
        foreach (var file in Directory.GetFiles(dir))
        {
            TestContext.AddTestAttachment(file);
        }

        TestContext.Progress.WriteLine(
            $"drill {spec.Number} {spec.Name}: verdicts {string.Join(" → ", states)}; detection {ScenarioResult.Seconds(detection)} s, " +
            $"recovery {ScenarioResult.Seconds(recovery)} s; {delivery.Made} made, {delivery.Delivered} delivered, {delivery.Doubled} doubled");
        Assert.That(problems, Is.Empty, $"scenario {spec.Number} ({spec.Name}); artifacts in {dir}");
        return result;
    }

    private Task SaveLogAsync(int mark)
    {
        var dir = Directory.CreateDirectory(Path.Combine(session.Artifacts, spec.Slug)).FullName;
        return File.WriteAllLinesAsync(Path.Combine(dir, "daemon.log"), session.Log.Since(mark).Select(l => l.Text));
    }

    /// <summary>Problems with the platform_block findings of the first committed block: which platforms, and how.</summary>
    public static IEnumerable<string> PlatformBlock(IReadOnlyList<VerdictRecord> verdicts, string[] platforms, string kind, string? absent = null)
    {
        var block = verdicts.FirstOrDefault(v => v.State == "platform_block");
        if (block is null)
        {
            yield return "no platform_block verdict to inspect";
            yield break;
        }

        var findings = block.Findings("platform_block");
        var named = findings.Select(f => f.GetProperty("platform").GetString()).ToList();
        if (!platforms.All(named.Contains))
        {
            yield return $"expected platform_block for [{string.Join(", ", platforms)}], the verdict names [{string.Join(", ", named)}]: {block.FindingsJson}";
        }

        if (absent is not null && named.Contains(absent))
        {
            yield return $"{absent} still works (same address, other SNI) but is named blocked: {block.FindingsJson}";
        }

        foreach (var finding in findings.Where(f => f.GetProperty("kind").ValueKind == JsonValueKind.String && f.GetProperty("kind").GetString() != kind))
        {
            yield return $"expected the block seen by '{kind}', the finding says: {finding}";
        }
    }
}
