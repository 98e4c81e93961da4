using Probe.Gpio;
using Probe.Storage;

namespace Probe.Status;

/// <summary>The upload LED's row of the LED table (PROBE.md section 2, "The LEDs"), from the store's figures and the result store's answers.</summary>
internal static class UploadLedPatterns
{
    /// <summary>The buffer share from which the LED warns that data will soon be dropped.</summary>
    public const double NearlyFullShare = 0.8;

    /// <param name="sinkConfigured">False when the sink is <c>none</c>: the LED stays dark.</param>
    /// <param name="status">The store's figures, or null when they could not be read (a store error).</param>
    /// <param name="maxBytes">Store.MaxBytes.</param>
    /// <param name="storeRefuses">The result store's last telling answer refused our results (Upload.SinkOutcomeWatch).</param>
    public static LedPattern For(bool sinkConfigured, StoreStatus? status, long maxBytes, bool storeRefuses = false)
    {
        if (!sinkConfigured)
        {
            return LedPattern.Off;
        }

        if (storeRefuses || status is null || (maxBytes > 0 && status.Bytes >= NearlyFullShare * maxBytes))
        {
            return LedPattern.FastBlink;
        }

        return status.PendingRows > 0 ? LedPattern.SlowBlink : LedPattern.Solid;
    }
}
