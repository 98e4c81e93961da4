using Probe.Configuration;

namespace Probe.Budget;

/// <summary>A budget below what the sentinel lane alone costs at its slowest would leave the probe blind all day.</summary>
internal static class BudgetOptionsValidator
{
    /// <summary>The smallest budget (3 MB) that holds the sentinel lane at its slowest, a platform watch and a coverage round a day.</summary>
    public const long MinDailyBytes = 3_000_000;

    public static void Validate(BudgetOptions b, ProblemList problems)
    {
        if (b.DailyBytes != 0 && b.DailyBytes < MinDailyBytes)
        {
            problems.Add("Probe:Budget:DailyBytes", Localization.Text.Format("config.budget.tooSmall", b.DailyBytes, MinDailyBytes));
        }
    }
}
