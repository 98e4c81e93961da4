using System.Device.Gpio;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Probe.Gpio.Tests.Fakes;

namespace Probe.Gpio.Tests;

/// <summary>The exact on/off timeline each pattern drives on a pin (PROBE.md section 2, "The LEDs").</summary>
public sealed class LedPanelTimelineTests
{
    private const int NetRedPin = 22;

    private static IEnumerable<TestCaseData> Timelines()
    {
        yield return new TestCaseData(LedPattern.Solid, new[] { (0, true) }).SetName("Show_Solid_LitOnceAndStaysLit");
        yield return new TestCaseData(LedPattern.Heartbeat, new[] { (0, true), (100, false), (1000, true), (1100, false), (2000, true) })
            .SetName("Show_Heartbeat_100msOn900msOff");
        yield return new TestCaseData(LedPattern.SlowBlink, new[] { (0, true), (500, false), (1000, true), (1500, false), (2000, true) })
            .SetName("Show_SlowBlink_500msOn500msOff");
        yield return new TestCaseData(LedPattern.FastBlink, Enumerable.Range(0, 17).Select(i => (i * 125, i % 2 == 0)).ToArray())
            .SetName("Show_FastBlink_125msOn125msOff");
        yield return new TestCaseData(LedPattern.DoubleBlink, new[]
            {
                (0, true), (100, false), (300, true), (400, false),
                (1000, true), (1100, false), (1300, true), (1400, false), (2000, true),
            }).SetName("Show_DoubleBlink_TwoFlashesOnceASecond");
    }

    [TestCaseSource(nameof(Timelines))]
    public void Show_Pattern_DrivesExactTimeline(LedPattern pattern, (int Ms, bool Lit)[] expected)
    {
        var (panel, driver, time) = CreateSut();

        panel.Show(Led.NetRed, pattern);
        AdvanceInSteps(time, TimeSpan.FromMilliseconds(2000), TimeSpan.FromMilliseconds(1));

        Assert.That(Timeline(driver, NetRedPin, activeLow: false), Is.EqualTo(expected));
    }

    [Test]
    public void Show_ActiveLow_DarkIsHighAndLitIsLow()
    {
        var (panel, driver, time) = CreateSut(activeLow: true);
        var opened = driver.Levels;
        driver.ClearLevels();

        panel.Show(Led.Power, LedPattern.Heartbeat);
        AdvanceInSteps(time, TimeSpan.FromMilliseconds(1000), TimeSpan.FromMilliseconds(1));

        Assert.Multiple(() =>
        {
            Assert.That(opened.Select(level => level.Value).Distinct(), Is.EqualTo(new[] { PinValue.High }), "every LED starts dark");
            Assert.That(opened.Select(level => level.Pin).Distinct(), Is.EquivalentTo(new[] { 17, 27, 22, 23 }));
            Assert.That(driver.LevelsOf(17).Select(level => (level.At.TotalMilliseconds, level.Value)),
                Is.EqualTo(new[] { (0d, PinValue.Low), (100d, PinValue.High), (1000d, PinValue.Low) }));
        });
    }

    [Test]
    public void Show_OtherPatternMidCycle_RestartsFromNewPattern()
    {
        var (panel, driver, time) = CreateSut();
        panel.Show(Led.NetRed, LedPattern.FastBlink);
        AdvanceInSteps(time, TimeSpan.FromMilliseconds(300), TimeSpan.FromMilliseconds(1));

        // Lit since 250 ms, so slow blink's first (lit) half needs no write; its edges count from 300 ms.
        panel.Show(Led.NetRed, LedPattern.SlowBlink);
        AdvanceInSteps(time, TimeSpan.FromMilliseconds(1100), TimeSpan.FromMilliseconds(1));

        Assert.That(Timeline(driver, NetRedPin, activeLow: false),
            Is.EqualTo(new[] { (0, true), (125, false), (250, true), (800, false), (1300, true) }));
    }

    [Test]
    public void Show_SamePatternAgain_KeepsRhythm()
    {
        var (panel, driver, time) = CreateSut();
        panel.Show(Led.NetRed, LedPattern.Heartbeat);
        time.Advance(TimeSpan.FromMilliseconds(50));

        panel.Show(Led.NetRed, LedPattern.Heartbeat);
        AdvanceInSteps(time, TimeSpan.FromMilliseconds(1000), TimeSpan.FromMilliseconds(1));

        Assert.That(Timeline(driver, NetRedPin, activeLow: false), Is.EqualTo(new[] { (0, true), (100, false), (1000, true) }));
    }

    [Test]
    public void Show_SolidAfterBlink_StopsBlinking()
    {
        var (panel, driver, time) = CreateSut();
        panel.Show(Led.NetRed, LedPattern.FastBlink);
        AdvanceInSteps(time, TimeSpan.FromMilliseconds(130), TimeSpan.FromMilliseconds(1));

        panel.Show(Led.NetRed, LedPattern.Solid);
        AdvanceInSteps(time, TimeSpan.FromMilliseconds(2000), TimeSpan.FromMilliseconds(5));

        Assert.That(Timeline(driver, NetRedPin, activeLow: false), Is.EqualTo(new[] { (0, true), (125, false), (130, true) }));
    }

    [Test]
    public void Show_TimerFiresLate_EdgesDoNotDrift()
    {
        var (panel, driver, time) = CreateSut();
        panel.Show(Led.Power, LedPattern.Heartbeat);

        // 30 ms steps make every tick up to 29 ms late; edges must still follow the start, not the ticks.
        AdvanceInSteps(time, TimeSpan.FromMinutes(10), TimeSpan.FromMilliseconds(30));

        var last = driver.LevelsOf(17).TakeLast(2).ToArray();
        Assert.Multiple(() =>
        {
            Assert.That(driver.LevelsOf(17), Has.Count.EqualTo(1 + (2 * 600)));
            Assert.That(last[0].At.TotalMilliseconds, Is.InRange(599_100, 599_129));
            Assert.That(last[1].At.TotalMilliseconds, Is.EqualTo(600_000));
        });
    }

    [Test]
    public void Show_EachLed_DrivesOnlyItsOwnPin()
    {
        var (panel, driver, _) = CreateSut();

        panel.Show(Led.Upload, LedPattern.Solid);

        Assert.That(driver.Levels.Select(level => (level.Pin, level.Value)), Is.EqualTo(new[] { (23, PinValue.High) }));
    }

    private static (LedPanel Panel, RecordingGpioDriver Driver, FakeTimeProvider Time) CreateSut(bool activeLow = false)
    {
        var time = new FakeTimeProvider();
        var driver = new RecordingGpioDriver(time);
        var panel = new LedPanel(new GpioController(driver), new LedPins(), activeLow, time, NullLogger.Instance);
        if (!activeLow)
        {
            driver.ClearLevels();
        }

        return (panel, driver, time);
    }

    private static void AdvanceInSteps(FakeTimeProvider time, TimeSpan total, TimeSpan step)
    {
        for (var moved = TimeSpan.Zero; moved < total; moved += step)
        {
            time.Advance(step);
        }
    }

    private static (int Ms, bool Lit)[] Timeline(RecordingGpioDriver driver, int pin, bool activeLow) =>
        [.. driver.LevelsOf(pin).Select(level => ((int)level.At.TotalMilliseconds, (level.Value == PinValue.High) != activeLow))];
}
