using Probe.Configuration;
using Probe.Gpio;

namespace Probe.Status;

/// <summary>Checks the LED panel: a known driver, a chip number, and four distinct BCM pins.</summary>
internal static class LedsOptionsValidator
{
    private const string Key = "Probe:Leds";

    public static void Validate(LedsOptions l, ProblemList problems)
    {
        if (!LedDrivers.All.Contains(l.Driver))
        {
            problems.Add($"{Key}:Driver", Localization.Text.Format("config.leds.driver", l.Driver, OptionRules.OneOf(LedDrivers.All)));
        }

        OptionRules.InRange(l.Chip, 0, 15, $"{Key}:Chip", problems);
        (string Name, int Pin)[] pins =
            [("Power", l.Pins.Power), ("NetGreen", l.Pins.NetGreen), ("NetRed", l.Pins.NetRed), ("Upload", l.Pins.Upload)];
        foreach (var (name, pin) in pins)
        {
            OptionRules.InRange(pin, 0, 27, $"{Key}:Pins:{name}", problems);
        }

        foreach (var group in pins.GroupBy(p => p.Pin).Where(g => g.Count() > 1))
        {
            var names = group.Select(p => p.Name).ToList();
            problems.Add($"{Key}:Pins:{names[1]}", Localization.Text.Format("config.leds.pin.shared", group.Key, names[0]));
        }
    }
}
