using Probe.Gpio;
using Probe.Status;
using Probe.Upload;

namespace Probe.Configuration;

/// <summary>Checks the sink (required keys per kind) and the LED panel (driver, distinct BCM pins).</summary>
internal static class SinkAndLedsValidator
{
    public static void Validate(SinkOptions sink, LedsOptions leds, ProblemList problems)
    {
        ValidateSink(sink, problems);
        ValidateLeds(leds, problems);
    }

    private static void ValidateSink(SinkOptions s, ProblemList problems)
    {
        const string Key = "Probe:Sink";
        string[] required = s.Kind switch
        {
            SinkKinds.Influx2 => ["Url", "Org", "Bucket"],
            SinkKinds.Influx1 => ["Url", "Database"],
            _ => [],
        };
        if (!SinkKinds.All.Contains(s.Kind))
        {
            problems.Add($"{Key}:Kind", Localization.Text.Format("config.sink.kind", s.Kind));
        }

        foreach (var name in required)
        {
            var value = name switch { "Url" => s.Url, "Org" => s.Org, "Bucket" => s.Bucket, _ => s.Database };
            if (string.IsNullOrWhiteSpace(value))
            {
                problems.Add($"{Key}:{name}", Localization.Text.Format("config.sink.required", s.Kind));
            }
        }

        if (!string.IsNullOrEmpty(s.Url) && !NetworkText.IsHttpUrl(s.Url, out _))
        {
            problems.Add($"{Key}:Url", Localization.Text.Get("config.sink.url"));
        }

        ProbeOptionsValidator.InRange(s.BatchSize, 1, 50_000, $"{Key}:BatchSize", problems);
        ProbeOptionsValidator.Positive(s.RequestTimeout, $"{Key}:RequestTimeout", problems);
    }

    /// <summary>
    /// Whether the token file can be read, asked only by the commands that send (run, upload): under systemd the
    /// file is a credential only the service sees, and a technician's <c>probe status</c> must not fail on it.
    /// </summary>
    public static ConfigurationProblem? TokenFileProblem(SinkOptions s)
    {
        if (!SinkKinds.Sends(s.Kind) || string.IsNullOrEmpty(s.TokenFile))
        {
            return null;
        }

        return ReadProblem(s.TokenFile) is { } problem ? new ConfigurationProblem("Probe:Sink:TokenFile", problem) : null;
    }

    private static void ValidateLeds(LedsOptions l, ProblemList problems)
    {
        const string Key = "Probe:Leds";
        if (!LedDrivers.All.Contains(l.Driver))
        {
            problems.Add($"{Key}:Driver", Localization.Text.Format("config.leds.driver", l.Driver));
        }

        ProbeOptionsValidator.InRange(l.Chip, 0, 15, $"{Key}:Chip", problems);
        (string Name, int Pin)[] pins =
            [("Power", l.Pins.Power), ("NetGreen", l.Pins.NetGreen), ("NetRed", l.Pins.NetRed), ("Upload", l.Pins.Upload)];
        foreach (var (name, pin) in pins)
        {
            ProbeOptionsValidator.InRange(pin, 0, 27, $"{Key}:Pins:{name}", problems);
        }

        foreach (var group in pins.GroupBy(p => p.Pin).Where(g => g.Count() > 1))
        {
            var names = group.Select(p => p.Name).ToList();
            problems.Add($"{Key}:Pins:{names[1]}", Localization.Text.Format("config.leds.pin.shared", group.Key, names[0]));
        }
    }

    private static string? ReadProblem(string path)
    {
        // The token itself is a secret: check the file opens, never echo what it holds.
        try
        {
            using var stream = File.OpenRead(path);
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Localization.Text.Format("config.file.unreadable", path, e.Message);
        }
    }
}
