using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Probe.Gpio.Tests.Fakes;

namespace Probe.Gpio.Tests;

public sealed class LedPanelFactoryTests
{
    [Test]
    public async Task Create_GpioChipAbsent_FallsBackToLogWithOneWarning()
    {
        var logs = new RecordingLoggerFactory();

        // No machine has gpiochip99: this is the Pi-less (or libgpiod-less) path, for real.
        await using var panel = LedPanelFactory.Create("gpio", 99, activeLow: false, new LedPins(), TimeProvider.System, logs);
        panel.Show(Led.NetRed, LedPattern.Solid);

        Assert.Multiple(() =>
        {
            Assert.That(panel, Is.TypeOf<LoggingLedPanel>());
            Assert.That(logs.Lines.Where(line => line.Level >= LogLevel.Warning).Select(line => line.EventId), Is.EqualTo(new[] { 1401 }));
            Assert.That(logs.Messages[0], Does.StartWith("GPIO chip 99 cannot drive the LEDs (").And.Contains("falling back to the log driver"));
            Assert.That(logs.Messages[^1], Is.EqualTo("led net-red solid"));
        });
    }

    [Test]
    public void CreateGpio_PinBusy_FallsBackToLogAndReleasesController()
    {
        var (driver, logs) = CreateSut();
        driver.FailingPins.Add(23);

        var panel = LedPanelFactory.CreateGpio(() => driver, 0, false, new LedPins(), new FakeTimeProvider(), logs.CreateLogger("test"));

        Assert.Multiple(() =>
        {
            Assert.That(panel, Is.TypeOf<LoggingLedPanel>());
            Assert.That(logs.Lines.Single().EventId, Is.EqualTo(1401));
            Assert.That(logs.Messages.Single(), Does.Contain("(line 23 is busy)"));
            Assert.That(driver.OpenPins, Is.Empty);
            Assert.That(driver.Disposed, Is.True);
        });
    }

    [Test]
    public async Task CreateGpio_DriverWorks_ReturnsGpioPanel()
    {
        var (driver, logs) = CreateSut();

        await using var panel = LedPanelFactory.CreateGpio(() => driver, 0, true, new LedPins(), new FakeTimeProvider(), logs.CreateLogger("test"));

        Assert.Multiple(() =>
        {
            Assert.That(panel, Is.TypeOf<LedPanel>());
            Assert.That(logs.Messages.Single(), Is.EqualTo("LEDs on gpiochip0: power 17, net-green 27, net-red 22, upload 23, active low True"));
        });
    }

    [Test]
    public void CreateGpio_DriverCannotLoad_FallsBackToLog()
    {
        var logs = new RecordingLoggerFactory();

        var panel = LedPanelFactory.CreateGpio(
            () => throw new TypeInitializationException("Interop", new DllNotFoundException("libgpiod.so.2 not found")),
            0, false, new LedPins(), new FakeTimeProvider(), logs.CreateLogger("test"));

        Assert.Multiple(() =>
        {
            Assert.That(panel, Is.TypeOf<LoggingLedPanel>());
            Assert.That(logs.Messages.Single(), Does.Contain("(libgpiod.so.2 not found)"), "the root cause, not the type initializer");
        });
    }

    [TestCase("log", typeof(LoggingLedPanel))]
    [TestCase("LOG", typeof(LoggingLedPanel))]
    [TestCase("none", typeof(NullLedPanel))]
    public void Create_Driver_ReturnsItsPanel(string driver, Type expected)
    {
        var panel = LedPanelFactory.Create(new LedPanelSettings(driver, 0, false, new LedPins()), TimeProvider.System, new RecordingLoggerFactory());

        Assert.That(panel, Is.TypeOf(expected));
    }

    [Test]
    public void Create_UnknownDriver_ThrowsNamingTheChoices()
    {
        Assert.That(() => LedPanelFactory.Create("sysfs", 0, false, new LedPins(), TimeProvider.System, new RecordingLoggerFactory()),
            Throws.ArgumentException.With.Message.Contains("'sysfs'").And.Message.Contains("gpio, log, none"));
    }

    [Test]
    public void Create_TwoLedsOnOnePin_ThrowsInsteadOfFallingBack()
    {
        Assert.That(() => LedPanelFactory.Create("gpio", 0, false, new LedPins(NetRed: 27), TimeProvider.System, new RecordingLoggerFactory()),
            Throws.ArgumentException);
    }

    [Test]
    public void Create_None_RemembersPatterns()
    {
        var panel = LedPanelFactory.Create("none", 0, false, new LedPins(), TimeProvider.System, new RecordingLoggerFactory());

        panel.Show(Led.Upload, LedPattern.FastBlink);

        Assert.That(panel.PatternOf(Led.Upload), Is.EqualTo(LedPattern.FastBlink));
    }

    private static (RecordingGpioDriver Driver, RecordingLoggerFactory Logs) CreateSut() =>
        (new RecordingGpioDriver(new FakeTimeProvider()), new RecordingLoggerFactory());
}
