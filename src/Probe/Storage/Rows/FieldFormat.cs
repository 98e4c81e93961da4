using System.Buffers.Binary;
using System.Text;
using Probe.Storage.Schema;
using Probe.Storage.Store;

namespace Probe.Storage.Rows;

/// <summary>
/// How schema 3 stores a row's fields: one entry per field, sorted by name, each a header byte (name code &lt;&lt; 3 | value
/// type) and its value. Names of the schema are codes (no key text in the row); any other name is written out after code 0.
/// Integers are zigzag varints, timers whole microseconds (a varint), other numbers 8-byte doubles, strings a varint
/// length and UTF-8. A row of a tcp check takes about 20 bytes here against about 100 as JSON.
/// </summary>
internal static class FieldFormat
{
    /// <summary>The code of a name written out in the entry.</summary>
    public const int NamedCode = 0;

    /// <summary>Names of the schema (PROBE.md section 3, "Schema"); the code of a name is its index + 1. Stored in every row: append only, never reorder.</summary>
    public static readonly string[] Names =
    [
        "address", "answers", "boot_id", "buffer_bytes", "buffer_rows", "bytes", "clock_synced", "connect_ms", "cpu_seconds",
        "dns_ms", "dropped_total", "findings", "first_ms", "last_ms", "offset_ms", "ok", "previous", "rcode", "rss_bytes",
        "state", "status", "tls_ms", "total_ms", "ttfb_ms", "upload_lag_s", "uptime_s",
        // Appended by the throughput check; a header byte holds codes up to 31.
        "kbps",
        "traffic_bytes_total", "disk_write_bytes_total",
    ];

    /// <summary>The names as UTF-8, indexed by code (entry 0 empty).</summary>
    public static readonly byte[][] NamesUtf8 = [[], .. Names.Select(Encoding.UTF8.GetBytes)];

    /// <summary>Per code: whether the schema types the field as an integer.</summary>
    public static readonly bool[] IntegerCodes = [false, .. Names.Select(Measurements.IsIntegerField)];

    private static readonly Dictionary<string, int> Codes = Names.Select((name, i) => (name, i)).ToDictionary(x => x.name, x => x.i + 1, StringComparer.Ordinal);

    /// <summary>How an entry's value is written.</summary>
    public enum ValueType : byte
    {
        False,
        True,
        Integer,
        Micros,
        Double,
        Text,
    }

    /// <summary>Timers are kept to the microsecond (0.001 ms): finer than any network timing means, and a varint of 2–4 bytes.</summary>
    public const double MicrosPerUnit = 1000;

    public static int CodeOf(string name) => Codes.TryGetValue(name, out var code) ? code : NamedCode;

    /// <summary>Writes a varint at <paramref name="at"/>; returns where it ends.</summary>
    public static int WriteVarint(Span<byte> output, int at, ulong value)
    {
        while (value >= 0x80)
        {
            output[at++] = (byte)(value | 0x80);
            value >>= 7;
        }

        output[at++] = (byte)value;
        return at;
    }

    public static ulong ZigZag(long value) => (ulong)((value << 1) ^ (value >> 63));

    public static long UnZigZag(ulong value) => (long)(value >> 1) ^ -(long)(value & 1);

    /// <summary>Reads a varint at <paramref name="at"/> and moves past it; throws on a truncated or overlong one.</summary>
    public static ulong ReadVarint(ReadOnlySpan<byte> data, ref int at)
    {
        ulong value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            if ((uint)at >= (uint)data.Length)
            {
                throw Damaged();
            }

            var b = data[at++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return value;
            }
        }

        throw Damaged();
    }

    public static double ReadDouble(ReadOnlySpan<byte> data, ref int at)
    {
        if (data.Length - at < 8)
        {
            throw Damaged();
        }

        var value = BinaryPrimitives.ReadDoubleLittleEndian(data.Slice(at, 8));
        at += 8;
        return value;
    }

    /// <summary>A varint length and that many bytes; returns where they start.</summary>
    public static (int Start, int Length) ReadBytes(ReadOnlySpan<byte> data, ref int at)
    {
        var length = ReadVarint(data, ref at);
        if (length > (ulong)(data.Length - at))
        {
            throw Damaged();
        }

        var start = at;
        at += (int)length;
        return (start, (int)length);
    }

    public static InvalidDataException Damaged() => new("a stored row's fields are damaged (truncated or malformed)");
}
