using Probe.Configuration;

namespace Probe.Hosting;

/// <summary>Checks how often the probe measures: positive intervals, jitter up to half, bounded concurrency and confirmations.</summary>
internal static class ScheduleOptionsValidator
{
    private const string Key = "Probe:Schedule";

    public static void Validate(ScheduleOptions s, ProblemList problems)
    {
        OptionRules.Positive(s.SentinelInterval, $"{Key}:SentinelInterval", problems);
        OptionRules.Positive(s.RoundInterval, $"{Key}:RoundInterval", problems);
        OptionRules.Positive(s.WatchInterval, $"{Key}:WatchInterval", problems);
        OptionRules.Positive(s.ThroughputInterval, $"{Key}:ThroughputInterval", problems);
        if (!(s.Jitter is >= 0 and <= 0.5))
        {
            problems.Add($"{Key}:Jitter", Localization.Text.Format("config.range", s.Jitter, 0, 0.5));
        }

        OptionRules.InRange(s.MaxConcurrency, 1, 64, $"{Key}:MaxConcurrency", problems);
        OptionRules.InRange(s.ConfirmRounds, 1, 20, $"{Key}:ConfirmRounds", problems);
    }
}
