using Probe.Configuration;

namespace Probe.Storage;

/// <summary>Checks the local buffer: a file path (not a directory), at least 1 MiB, a positive hold limit.</summary>
internal static class StoreOptionsValidator
{
    private const string Key = "Probe:Store";
    private const long MiB = 1024 * 1024;

    public static void Validate(StoreOptions s, ProblemList problems)
    {
        if (string.IsNullOrWhiteSpace(s.Path) || s.Path.IndexOfAny(Path.GetInvalidPathChars()) >= 0)
        {
            problems.Add($"{Key}:Path", Localization.Text.Format("config.store.path", s.Path));
        }
        else if (Directory.Exists(s.Path))
        {
            problems.Add($"{Key}:Path", Localization.Text.Format("config.store.directory", s.Path));
        }

        if (s.MaxBytes < MiB)
        {
            problems.Add($"{Key}:MaxBytes", Localization.Text.Format("config.store.maxbytes", s.MaxBytes));
        }

        OptionRules.Positive(s.UnsyncedHoldLimit, $"{Key}:UnsyncedHoldLimit", problems);
    }
}
