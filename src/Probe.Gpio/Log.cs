using Microsoft.Extensions.Logging;

namespace Probe.Gpio;

/// <summary>Log messages of the LED panel (event ids 1400-1499).</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1400, Level = LogLevel.Information, Message = "led {Led} {Pattern}")]
    public static partial void LedChanged(ILogger logger, string led, string pattern);

    [LoggerMessage(EventId = 1401, Level = LogLevel.Warning,
        Message = "GPIO chip {Chip} cannot drive the LEDs ({Reason}); falling back to the log driver. " +
                  "Is this a Raspberry Pi with libgpiod installed, is the user in group gpio, and is no other probe holding the pins?")]
    public static partial void GpioUnavailable(ILogger logger, int chip, string reason);

    [LoggerMessage(EventId = 1402, Level = LogLevel.Information,
        Message = "LEDs on gpiochip{Chip}: power {Power}, net-green {NetGreen}, net-red {NetRed}, upload {Upload}, active low {ActiveLow}")]
    public static partial void GpioOpened(ILogger logger, int chip, int power, int netGreen, int netRed, int upload, bool activeLow);

    [LoggerMessage(EventId = 1403, Level = LogLevel.Error, Message = "Writing LED {Led} on pin {Pin} failed; the LED keeps its last state")]
    public static partial void WriteFailed(ILogger logger, Exception exception, string led, int pin);

    [LoggerMessage(EventId = 1404, Level = LogLevel.Information, Message = "LEDs disabled (driver none)")]
    public static partial void LedsDisabled(ILogger logger);
}
