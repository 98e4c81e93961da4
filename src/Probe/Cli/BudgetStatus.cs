using System.Text.Json.Nodes;
using Probe.Budget;
using Probe.Localization;

namespace Probe.Cli;

/// <summary>The budget lines of <c>probe status</c>: traffic today, the budget, the day's projection, disk written today, from the daemon's saved account.</summary>
internal static class BudgetStatus
{
    public static void WriteText(TextWriter o, long dailyBytes, AccountState? account)
    {
        var budget = dailyBytes == 0 ? Text.Get("status.budget.none") : Text.Format("status.budget.bytes", Megabytes(dailyBytes));
        if (account is null)
        {
            o.WriteLine(Text.Format("status.traffic.unknown", budget));
            return;
        }

        o.WriteLine(Text.Format("status.traffic.today", Megabytes(account.TrafficBytes), budget, Megabytes(account.ProjectedBytes), account.Day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)));
        o.WriteLine(Text.Format("status.disk.today", Megabytes(account.DiskBytes), account.SavedAt.ToUniversalTime().ToString("HH:mm'Z'", System.Globalization.CultureInfo.InvariantCulture)));
    }

    /// <summary>Adds <c>"budget": { "dailyBytes", "day", "trafficBytes", "projectedBytes", "diskWriteBytes", "savedAt" }</c> to the status object.</summary>
    public static string AddTo(string statusJson, long dailyBytes, AccountState? account)
    {
        var root = JsonNode.Parse(statusJson)!.AsObject();
        root["budget"] = new JsonObject
        {
            ["dailyBytes"] = dailyBytes,
            ["day"] = account?.Day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            ["trafficBytes"] = account?.TrafficBytes,
            ["projectedBytes"] = account?.ProjectedBytes,
            ["diskWriteBytes"] = account?.DiskBytes,
            ["savedAt"] = account?.SavedAt.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture),
        };
        return root.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true });
    }

    private static double Megabytes(long bytes) => Math.Round(bytes / 1_000_000.0, 1);
}
