using System.Globalization;
using System.Text;
using Probe.Storage.Rows;
using Probe.Storage;

namespace Probe.Upload;

/// <summary>
/// ProbePoint to InfluxDB line protocol (UTF-8), byte for byte what InfluxDB.Client's PointData writes (tags and fields
/// sorted by key, last value of a repeated key wins, empty tags and non-finite numbers left out) without its
/// per-point dictionaries: stored rows go straight from their stored fields, each series' tag prefix is escaped once.
/// </summary>
internal static class LineProtocol
{
    /// <summary>Appends one line and its newline; appends nothing and returns false when the point has no writable field.</summary>
    public static bool Write(LineBuffer output, ProbePoint point)
    {
        var start = output.Length;
        if (point.Tags is SeriesTags series && series.Measurement == point.Measurement)
        {
            output.Write(series.LinePrefix ??= Prefix(point.Measurement, series));
        }
        else
        {
            WritePrefix(output, point.Measurement, point.Tags);
        }

        output.Write((byte)' ');
        var written = point.Fields is StoredFields stored && StoredFieldWriter.TryWrite(output, stored, out var any)
            ? any
            : WriteFields(output, point.Fields);
        if (!written)
        {
            output.Truncate(start);
            return false;
        }

        output.Write((byte)' ');
        output.WriteDigits(point.TimestampMs);
        output.Write((byte)'\n');
        return true;
    }

    /// <summary>One line without its newline; empty when the point has no writable field (e.g. only NaN values).</summary>
    public static string Format(ProbePoint point)
    {
        using var buffer = new LineBuffer(512);
        return Write(buffer, point) ? Encoding.UTF8.GetString(buffer.WrittenSpan[..^1]) : "";
    }

    private static byte[] Prefix(string measurement, IReadOnlyList<KeyValuePair<string, string>> tags)
    {
        using var buffer = new LineBuffer(512);
        WritePrefix(buffer, measurement, tags);
        return buffer.WrittenSpan.ToArray();
    }

    private static void WritePrefix(LineBuffer output, string measurement, IReadOnlyList<KeyValuePair<string, string>> tags)
    {
        LineEscape.Utf8(output, measurement, LineEscape.Measurement);
        // Empty values are left out before the last-wins rule: an empty value never removes an earlier one.
        foreach (var (key, value) in Settled(tags.Where(t => !string.IsNullOrEmpty(t.Value)).ToList()))
        {
            if (key.Length == 0)
            {
                continue;
            }

            output.Write((byte)',');
            LineEscape.Utf8(output, key, LineEscape.Key);
            output.Write((byte)'=');
            LineEscape.Utf8(output, value, LineEscape.TagValue);
        }
    }

    private static bool WriteFields(LineBuffer output, IReadOnlyList<KeyValuePair<string, object>> fields)
    {
        var any = false;
        foreach (var (key, value) in Settled(fields))
        {
            // The client refuses an empty field name outright; line protocol cannot carry one, so it is left out.
            if (key.Length == 0 || value is double d && !double.IsFinite(d) || value is float f && !float.IsFinite(f))
            {
                continue;
            }

            if (any)
            {
                output.Write((byte)',');
            }

            LineEscape.Utf8(output, key, LineEscape.Key);
            output.Write((byte)'=');
            WriteValue(output, value);
            any = true;
        }

        return any;
    }

    private static void WriteValue(LineBuffer output, object? value)
    {
        switch (value)
        {
            case bool b:
                output.Write(b ? "true"u8 : "false"u8);
                break;
            case long or int:
                output.WriteDigits(Convert.ToInt64(value, CultureInfo.InvariantCulture));
                output.Write((byte)'i');
                break;
            case double or float:
                WriteDouble(output, Convert.ToDouble(value, CultureInfo.InvariantCulture));
                break;
            default:
                // Schema fields are bool/long/double/string; anything else is kept as text rather than jamming the queue.
                output.Write((byte)'"');
                LineEscape.Utf8(output, value as string ?? Convert.ToString(value, CultureInfo.InvariantCulture) ?? "", LineEscape.StringValue);
                output.Write((byte)'"');
                break;
        }
    }

    /// <summary>The client's format for doubles (5.x): invariant, shortest text that round-trips.</summary>
    public static void WriteDouble(LineBuffer output, double value)
    {
        value.TryFormat(output.GetSpan(32), out var length, default, CultureInfo.InvariantCulture);
        output.Advance(length);
    }

    // The client keeps tags and fields in sorted dictionaries: sorted by key (ordinal under invariant globalization), a repeated key's last value wins.
    private static List<KeyValuePair<string, T>> Settled<T>(IReadOnlyList<KeyValuePair<string, T>> items)
    {
        var sorted = new List<KeyValuePair<string, T>>(items.Count);
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            var at = sorted.Count;
            while (at > 0 && string.CompareOrdinal(sorted[at - 1].Key, item.Key) > 0)
            {
                at--;
            }

            if (at > 0 && sorted[at - 1].Key == item.Key)
            {
                sorted[at - 1] = item;
            }
            else
            {
                sorted.Insert(at, item);
            }
        }

        return sorted;
    }
}
