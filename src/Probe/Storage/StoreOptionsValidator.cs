using Probe.Configuration;

namespace Probe.Storage;

/// <summary>Checks the local buffer: a file path (not a directory), at least 1 MiB, a positive hold limit, a move interval of at most 15 min, a stage file that is not the store.</summary>
internal static class StoreOptionsValidator
{
    private const string Key = "Probe:Store";
    private const long MiB = 1024 * 1024;

    /// <summary>Beyond it a power cut could lose more routine results than a volunteer would accept (PROBE.md §5).</summary>
    private static readonly TimeSpan MaxMoveInterval = TimeSpan.FromMinutes(15);

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

        if (s.MoveInterval < TimeSpan.Zero || s.MoveInterval > MaxMoveInterval)
        {
            problems.Add($"{Key}:MoveInterval", Localization.Text.Format("config.store.moveinterval", s.MoveInterval));
        }

        if (!string.IsNullOrWhiteSpace(s.StagePath))
        {
            if (s.StagePath.IndexOfAny(Path.GetInvalidPathChars()) >= 0 || Directory.Exists(s.StagePath))
            {
                problems.Add($"{Key}:StagePath", Localization.Text.Format("config.store.stagepath", s.StagePath));
            }
            else if (!string.IsNullOrWhiteSpace(s.Path) && s.Path.IndexOfAny(Path.GetInvalidPathChars()) < 0
                && string.Equals(Path.GetFullPath(s.StagePath), Path.GetFullPath(s.Path), StringComparison.Ordinal))
            {
                problems.Add($"{Key}:StagePath", Localization.Text.Format("config.store.stagesame", s.StagePath));
            }
        }
    }
}
