using Microsoft.Extensions.Time.Testing;
using Probe.Gpio.Tests.Fakes;

namespace Probe.Gpio.Tests;

public sealed class LedWalkthroughTests
{
    [Test]
    public async Task RunAsync_NoDwell_NamesEveryLedAndPatternInOrder()
    {
        var (walkthrough, panel, output, _) = CreateSut(TimeSpan.Zero);

        await walkthrough.RunAsync(CancellationToken.None);

        var lines = output.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.Multiple(() =>
        {
            Assert.That(lines, Has.Length.EqualTo((4 * 5) + 1));
            Assert.That(lines[..6], Is.EqualTo(new[]
            {
                "power     solid", "power     heartbeat", "power     slow_blink", "power     fast_blink", "power     double_blink",
                "net-green solid",
            }));
            Assert.That(lines.Select(line => line.Split(' ')[0]).Distinct(), Is.EqualTo(new[] { "power", "net-green", "net-red", "upload", "all" }));
            Assert.That(panel.Calls.Where(call => call.Pattern != LedPattern.Off),
                Is.EqualTo(Enum.GetValues<Led>().SelectMany(led => LedWalkthrough.Patterns.Select(pattern => (led, pattern)))));
            Assert.That(Enum.GetValues<Led>().Select(panel.PatternOf), Is.All.EqualTo(LedPattern.Off));
        });
    }

    [Test]
    public async Task RunAsync_Dwell_HoldsEachPatternForTheDwell()
    {
        var (walkthrough, panel, _, time) = CreateSut(TimeSpan.FromSeconds(3));
        var run = walkthrough.RunAsync(CancellationToken.None);
        while ((await panel.NextShowAsync()).Pattern == LedPattern.Off)
        {
        }

        time.Advance(TimeSpan.FromSeconds(2.9));
        var before = panel.PatternOf(Led.Power);
        time.Advance(TimeSpan.FromSeconds(0.1));
        var next = await panel.NextShowAsync();

        Assert.Multiple(() =>
        {
            Assert.That(before, Is.EqualTo(LedPattern.Solid));
            Assert.That(next, Is.EqualTo((Led.Power, LedPattern.Heartbeat)));
            Assert.That(run.IsCompleted, Is.False);
        });
    }

    [Test]
    public async Task RunAsync_Cancelled_LeavesEveryLedOff()
    {
        var (walkthrough, panel, _, _) = CreateSut(TimeSpan.FromSeconds(3));
        using var cancellation = new CancellationTokenSource();
        var run = walkthrough.RunAsync(cancellation.Token);

        await cancellation.CancelAsync();

        Assert.That(async () => await run, Throws.InstanceOf<OperationCanceledException>());
        Assert.That(Enum.GetValues<Led>().Select(panel.PatternOf), Is.All.EqualTo(LedPattern.Off));
    }

    private static (LedWalkthrough Walkthrough, RecordingLedPanel Panel, StringWriter Output, FakeTimeProvider Time) CreateSut(TimeSpan dwell)
    {
        var panel = new RecordingLedPanel();
        var output = new StringWriter();
        var time = new FakeTimeProvider();
        return (new LedWalkthrough(panel, output, time, dwell), panel, output, time);
    }
}
