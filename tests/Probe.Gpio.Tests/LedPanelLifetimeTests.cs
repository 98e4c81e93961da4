using System.Device.Gpio;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Probe.Gpio.Tests.Fakes;

namespace Probe.Gpio.Tests;

/// <summary>What the panel opens, owns and releases.</summary>
public sealed class LedPanelLifetimeTests
{
    private static readonly int[] AllPins = [17, 27, 22, 23];

    [Test]
    public void Constructor_DefaultPins_OpensEachAsDarkOutput()
    {
        var (_, driver, _) = CreateSut();

        Assert.Multiple(() =>
        {
            Assert.That(driver.OpenPins, Is.EquivalentTo(AllPins));
            Assert.That(driver.Levels.Select(level => (level.Pin, level.Value)).Distinct(),
                Is.EquivalentTo(AllPins.Select(pin => (pin, PinValue.Low))));
        });
    }

    [Test]
    public async Task DisposeAsync_LitLeds_TurnsThemOffAndReleasesPins()
    {
        var (panel, driver, time) = CreateSut();
        panel.Show(Led.Power, LedPattern.Heartbeat);
        panel.Show(Led.NetGreen, LedPattern.Solid);
        driver.ClearLevels();

        await panel.DisposeAsync();
        time.Advance(TimeSpan.FromSeconds(5));

        Assert.Multiple(() =>
        {
            Assert.That(driver.Levels.Select(level => (level.Pin, level.Value)), Is.EquivalentTo(new[] { (17, PinValue.Low), (27, PinValue.Low) }),
                "lit LEDs go dark once, and no timer writes after disposal");
            Assert.That(driver.ClosedPins, Is.EquivalentTo(AllPins));
            Assert.That(driver.OpenPins, Is.Empty);
            Assert.That(driver.Disposed, Is.True, "the controller was made for the panel");
        });
    }

    [Test]
    public async Task DisposeAsync_ControllerNotOwned_LeavesControllerAndForeignPins()
    {
        var time = new FakeTimeProvider();
        var driver = new RecordingGpioDriver(time);
        using var controller = new GpioController(driver);
        controller.OpenPin(17, PinMode.Output);
        var panel = new LedPanel(controller, new LedPins(), activeLow: false, time, NullLogger.Instance, shouldDispose: false);

        await panel.DisposeAsync();

        Assert.Multiple(() =>
        {
            Assert.That(driver.Disposed, Is.False);
            Assert.That(controller.IsPinOpen(17), Is.True, "pin 17 was opened by someone else");
            Assert.That(driver.ClosedPins, Is.EquivalentTo(new[] { 27, 22, 23 }));
        });
    }

    [Test]
    public async Task Show_AfterDispose_Throws()
    {
        var (panel, _, _) = CreateSut();

        await panel.DisposeAsync();

        Assert.That(() => panel.Show(Led.Power, LedPattern.Solid), Throws.TypeOf<ObjectDisposedException>());
    }

    [Test]
    public void Constructor_PinCannotOpen_ReleasesPinsAlreadyOpened()
    {
        var time = new FakeTimeProvider();
        var driver = new RecordingGpioDriver(time);
        driver.FailingPins.Add(22);

        Assert.That(() => new LedPanel(new GpioController(driver), new LedPins(), false, time, NullLogger.Instance), Throws.TypeOf<IOException>());
        Assert.That(driver.OpenPins, Is.Empty);
    }

    [Test]
    public void Constructor_TwoLedsOnOnePin_Throws()
    {
        var time = new FakeTimeProvider();

        Assert.That(() => new LedPanel(new GpioController(new RecordingGpioDriver(time)), new LedPins(Upload: 17), false, time, NullLogger.Instance),
            Throws.ArgumentException.With.Message.Contains("own pin"));
    }

    [Test]
    public void PatternOf_AfterShow_ReturnsPattern()
    {
        var (panel, _, _) = CreateSut();

        panel.Show(Led.NetRed, LedPattern.DoubleBlink);

        Assert.Multiple(() =>
        {
            Assert.That(panel.PatternOf(Led.NetRed), Is.EqualTo(LedPattern.DoubleBlink));
            Assert.That(panel.PatternOf(Led.Upload), Is.EqualTo(LedPattern.Off));
        });
    }

    private static (LedPanel Panel, RecordingGpioDriver Driver, FakeTimeProvider Time) CreateSut()
    {
        var time = new FakeTimeProvider();
        var driver = new RecordingGpioDriver(time);
        return (new LedPanel(new GpioController(driver), new LedPins(), activeLow: false, time, NullLogger.Instance), driver, time);
    }
}
