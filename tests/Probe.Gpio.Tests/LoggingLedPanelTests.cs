using Probe.Gpio.Tests.Fakes;

namespace Probe.Gpio.Tests;

public sealed class LoggingLedPanelTests
{
    [Test]
    public void Show_NewPattern_LogsOneLine()
    {
        var (panel, logs) = CreateSut();

        panel.Show(Led.NetRed, LedPattern.FastBlink);
        panel.Show(Led.Upload, LedPattern.SlowBlink);

        Assert.Multiple(() =>
        {
            Assert.That(logs.Messages, Is.EqualTo(new[] { "led net-red fast_blink", "led upload slow_blink" }));
            Assert.That(logs.Lines.Select(line => line.EventId), Is.All.EqualTo(1400));
        });
    }

    [Test]
    public void Show_SamePatternAgain_LogsNothing()
    {
        var (panel, logs) = CreateSut();
        panel.Show(Led.NetGreen, LedPattern.Solid);

        panel.Show(Led.NetGreen, LedPattern.Solid);

        Assert.That(logs.Messages, Is.EqualTo(new[] { "led net-green solid" }));
    }

    [Test]
    public async Task DisposeAsync_LitLeds_LogsEachGoingOff()
    {
        var (panel, logs) = CreateSut();
        panel.Show(Led.Power, LedPattern.Heartbeat);

        await panel.DisposeAsync();

        Assert.That(logs.Messages, Is.EqualTo(new[] { "led power heartbeat", "led power off" }));
    }

    [Test]
    public void PatternOf_AfterShow_ReturnsPattern()
    {
        var (panel, _) = CreateSut();

        panel.Show(Led.Upload, LedPattern.FastBlink);

        Assert.That(panel.PatternOf(Led.Upload), Is.EqualTo(LedPattern.FastBlink));
    }

    private static (LoggingLedPanel Panel, RecordingLoggerFactory Logs) CreateSut()
    {
        var logs = new RecordingLoggerFactory();
        return (new LoggingLedPanel(logs.CreateLogger("test")), logs);
    }
}
