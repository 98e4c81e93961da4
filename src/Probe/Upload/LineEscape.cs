using System.Buffers;
using System.Text;

namespace Probe.Upload;

/// <summary>
/// Line-protocol escaping on UTF-8 bytes, exactly as InfluxDB.Client 5.x escapes (PointData.EscapeKey, EscapeValue),
/// plus the probe's own rule that a tag value or string field never holds a line break (it would cut the point in two).
/// </summary>
internal static class LineEscape
{
    /// <summary>One of the escapings above.</summary>
    public delegate void Escaper(LineBuffer output, ReadOnlySpan<byte> text);

    private static readonly SearchValues<byte> KeySpecials = SearchValues.Create(" ,=\n\r\t"u8);
    private static readonly SearchValues<byte> StringSpecials = SearchValues.Create("\\\"\n\r"u8);

    /// <summary>Measurement: comma and space escaped, '=' kept; tab, CR, LF as \t, \r, \n.</summary>
    public static void Measurement(LineBuffer output, ReadOnlySpan<byte> name) => Key(output, name, escapeEqual: false, singleLine: false);

    /// <summary>Tag keys and field keys: comma, space and '=' escaped; tab, CR, LF as \t, \r, \n.</summary>
    public static void Key(LineBuffer output, ReadOnlySpan<byte> key) => Key(output, key, escapeEqual: true, singleLine: false);

    /// <summary>Tag values: as keys, after every line break (CRLF, CR, LF) became one space.</summary>
    public static void TagValue(LineBuffer output, ReadOnlySpan<byte> value) => Key(output, value, escapeEqual: true, singleLine: true);

    /// <summary>String field values (without the quotes): backslash and double quote escaped, line breaks made spaces.</summary>
    public static void StringValue(LineBuffer output, ReadOnlySpan<byte> value)
    {
        while (true)
        {
            var at = value.IndexOfAny(StringSpecials);
            if (at < 0)
            {
                output.Write(value);
                return;
            }

            output.Write(value[..at]);
            var special = value[at];
            var skip = 1;
            if (special is (byte)'\r' or (byte)'\n')
            {
                output.Write((byte)' ');
                skip = special == '\r' && at + 1 < value.Length && value[at + 1] == '\n' ? 2 : 1;
            }
            else
            {
                output.Write((byte)'\\');
                output.Write(special);
            }

            value = value[(at + skip)..];
        }
    }

    /// <summary>Runs <paramref name="escape"/> on the UTF-8 form of <paramref name="text"/> (invalid UTF-16 becomes U+FFFD, as Encoding.UTF8 makes it on the wire).</summary>
    public static void Utf8(LineBuffer output, string text, Escaper escape)
    {
        var max = Encoding.UTF8.GetMaxByteCount(text.Length);
        byte[]? rented = null;
        var scratch = max <= 512 ? stackalloc byte[512] : (rented = ArrayPool<byte>.Shared.Rent(max));
        try
        {
            var length = Encoding.UTF8.GetBytes(text, scratch);
            escape(output, scratch[..length]);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    private static void Key(LineBuffer output, ReadOnlySpan<byte> text, bool escapeEqual, bool singleLine)
    {
        while (true)
        {
            var at = text.IndexOfAny(KeySpecials);
            if (at < 0)
            {
                output.Write(text);
                return;
            }

            output.Write(text[..at]);
            var special = text[at];
            var skip = 1;
            switch (special)
            {
                case (byte)'\r' when singleLine:
                    output.Write("\\ "u8);
                    skip = at + 1 < text.Length && text[at + 1] == '\n' ? 2 : 1;
                    break;
                case (byte)'\n' when singleLine:
                    output.Write("\\ "u8);
                    break;
                case (byte)'\r':
                    output.Write("\\r"u8);
                    break;
                case (byte)'\n':
                    output.Write("\\n"u8);
                    break;
                case (byte)'\t':
                    output.Write("\\t"u8);
                    break;
                case (byte)'=' when !escapeEqual:
                    output.Write(special);
                    break;
                default:
                    output.Write((byte)'\\');
                    output.Write(special);
                    break;
            }

            text = text[(at + skip)..];
        }
    }
}
