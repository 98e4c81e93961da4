using System.Device.Gpio;
using System.Device.Gpio.Drivers;
using Microsoft.Extensions.Logging;

namespace Probe.Gpio;

/// <summary>Builds the LED panel for a driver name; missing GPIO hardware falls back to the log driver.</summary>
public static class LedPanelFactory
{
    /// <summary>The log category every LED driver writes under.</summary>
    public const string LogCategory = "Probe.Gpio.Leds";

    /// <summary>The driver names the configuration accepts.</summary>
    public static IReadOnlyList<string> Drivers => LedDrivers.All;

    /// <summary>The panel described by <paramref name="settings"/>.</summary>
    public static ILedPanel Create(LedPanelSettings settings, TimeProvider timeProvider, ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return Create(settings.Driver, settings.Chip, settings.ActiveLow, settings.Pins, timeProvider, loggerFactory);
    }

    /// <summary>The panel for <paramref name="driver"/> (gpio, log or none); never throws for missing hardware.</summary>
    /// <exception cref="ArgumentException">The driver name is none of <see cref="Drivers"/>.</exception>
    public static ILedPanel Create(string driver, int chip, bool activeLow, LedPins pins, TimeProvider timeProvider, ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(driver);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        var logger = loggerFactory.CreateLogger(LogCategory);
        switch (driver.Trim().ToLowerInvariant())
        {
            case LedDrivers.Gpio:
                return CreateGpio(() => new LibGpiodDriver(chip), chip, activeLow, pins, timeProvider, logger);
            case LedDrivers.Log:
                return new LoggingLedPanel(logger);
            case LedDrivers.None:
                Log.LedsDisabled(logger);
                return new NullLedPanel();
            default:
                throw new ArgumentException($"unknown LED driver '{driver}': use {string.Join(", ", Drivers)}", nameof(driver));
        }
    }

    /// <summary>The gpio panel over the driver <paramref name="createDriver"/> makes, or the log panel when that fails.</summary>
    internal static ILedPanel CreateGpio(Func<GpioDriver> createDriver, int chip, bool activeLow, LedPins pins, TimeProvider timeProvider, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(pins);
        if (!pins.AreDistinct)
        {
            throw new ArgumentException($"each LED needs its own pin, got {pins}", nameof(pins));
        }

        GpioController? controller = null;
        try
        {
            controller = new GpioController(createDriver());
            var panel = new LedPanel(controller, pins, activeLow, timeProvider, logger, shouldDispose: true);
            Log.GpioOpened(logger, chip, pins.Power, pins.NetGreen, pins.NetRed, pins.Upload, activeLow);
            return panel;
        }
        catch (Exception ex)
        {
            // No libgpiod, no /dev/gpiochipN, no permission, pins busy or beyond the chip: LEDs are not worth a crash.
            controller?.Dispose();
            Log.GpioUnavailable(logger, chip, ex.GetBaseException().Message);
            return new LoggingLedPanel(logger);
        }
    }
}
