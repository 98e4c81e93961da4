using System.Device.Gpio;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Probe.Gpio.Tests.Fakes;

namespace Probe.Gpio.Tests;

/// <summary>A drawn strip (the LED card's) shows exactly the edges the panel drives on a pin.</summary>
public sealed class PatternStripTests
{
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(2);

    [TestCase(LedPattern.Solid)]
    [TestCase(LedPattern.Heartbeat)]
    [TestCase(LedPattern.SlowBlink)]
    [TestCase(LedPattern.FastBlink)]
    [TestCase(LedPattern.DoubleBlink)]
    public void Over_Pattern_EdgesAreThoseThePanelDrives(LedPattern pattern)
    {
        var (panel, driver, time) = CreateSut();
        panel.Show(Led.NetRed, pattern);
        for (var ms = 0; ms < Window.TotalMilliseconds - 1; ms++)
        {
            time.Advance(TimeSpan.FromMilliseconds(1));
        }

        var driven = driver.LevelsOf(22).Select(level => ((int)level.At.TotalMilliseconds, level.Value == PinValue.High)).ToArray();

        var strip = PatternStrip.Over(pattern, Window);

        Assert.That(strip.Select(s => ((int)s.Start.TotalMilliseconds, s.Lit)), Is.EqualTo(driven));
    }

    [Test]
    public void Over_FastBlink_EightFlashesOf125ms()
    {
        var strip = PatternStrip.Over(LedPattern.FastBlink, Window);

        Assert.Multiple(() =>
        {
            Assert.That(strip, Has.Length.EqualTo(16));
            Assert.That(strip.Where(s => s.Lit).Select(s => s.Duration), Is.All.EqualTo(TimeSpan.FromMilliseconds(125)));
            Assert.That(strip[^1].End, Is.EqualTo(Window));
        });
    }

    [TestCase(LedPattern.Solid, true)]
    [TestCase(LedPattern.Off, false)]
    public void Over_SteadyPattern_OneSegmentOverTheWindow(LedPattern pattern, bool lit)
    {
        Assert.That(PatternStrip.Over(pattern, Window), Is.EqualTo(new[] { new PatternSegment(lit, TimeSpan.Zero, Window) }));
    }

    [Test]
    public void Over_WindowEndsMidStep_LastSegmentCut()
    {
        var strip = PatternStrip.Over(LedPattern.SlowBlink, TimeSpan.FromMilliseconds(700));

        Assert.That(strip, Is.EqualTo(new[]
        {
            new PatternSegment(true, TimeSpan.Zero, TimeSpan.FromMilliseconds(500)),
            new PatternSegment(false, TimeSpan.FromMilliseconds(500), TimeSpan.FromMilliseconds(700)),
        }));
    }

    private static (LedPanel Panel, RecordingGpioDriver Driver, FakeTimeProvider Time) CreateSut()
    {
        var time = new FakeTimeProvider();
        var driver = new RecordingGpioDriver(time);
        var panel = new LedPanel(new GpioController(driver), new LedPins(), activeLow: false, time, NullLogger.Instance);
        driver.ClearLevels();
        return (panel, driver, time);
    }
}
