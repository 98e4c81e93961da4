using Probe.Storage.Schema;
using Probe.Storage.Store;

namespace Probe.Storage.Rows;

/// <summary>The measurement names and the field types of the line-protocol schema (PROBE.md section 3, "Schema").</summary>
internal static class Measurements
{
    public const string Check = "probe_check";
    public const string Verdict = "probe_verdict";
    public const string Health = "probe_health";
    public const string Clock = "probe_clock";

    public const string ClockTag = "clock";

    /// <summary>Integer fields; every other number is a float, so that a field never changes type in the analysts' store.</summary>
    private static readonly HashSet<string> IntegerFields = new(StringComparer.Ordinal)
    {
        "status", "bytes", "buffer_rows", "buffer_bytes", "dropped_total", "rss_bytes", "offset_ms", "first_ms", "last_ms",
        "traffic_bytes_total", "disk_write_bytes_total",
    };

    private static readonly byte[][] IntegerFieldsUtf8 = [.. IntegerFields.Select(System.Text.Encoding.UTF8.GetBytes)];

    /// <summary>Durations in ms: stored to the microsecond (0.001 ms).</summary>
    private static readonly HashSet<string> TimerFields = new(StringComparer.Ordinal) { "total_ms", "dns_ms", "connect_ms", "tls_ms", "ttfb_ms" };

    public static bool IsIntegerField(string name) => IntegerFields.Contains(name);

    public static bool IsTimerField(string name) => TimerFields.Contains(name);

    /// <summary>The same test on a UTF-8 field name, for writing line protocol straight from the stored JSON.</summary>
    public static bool IsIntegerField(ReadOnlySpan<byte> name)
    {
        foreach (var candidate in IntegerFieldsUtf8)
        {
            if (name.SequenceEqual(candidate))
            {
                return true;
            }
        }

        return false;
    }

    public static string ClockTagValue(RowClock clock) => clock switch
    {
        RowClock.Synced => "synced",
        RowClock.Corrected => "corrected",
        _ => "unsynced",
    };
}
