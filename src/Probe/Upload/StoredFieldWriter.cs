using System.Buffers;
using System.Globalization;
using System.Text.Json;
using Probe.Storage;

namespace Probe.Upload;

/// <summary>
/// Writes a stored row's fields JSON as line-protocol fields with one Utf8JsonReader pass and no per-field objects,
/// typed as PointDecoder types them (integer fields by name, every other number a double).
/// </summary>
internal static class StoredFieldWriter
{
    private const int MaxFields = 32;

    private enum Kind : byte
    {
        False,
        True,
        Integer,
        Double,
        Text,
        Unescaped,
    }

    /// <summary>
    /// False (and nothing written) for what this path does not take: escaped or non-ASCII field names, more than
    /// <see cref="MaxFields"/> fields; the caller then writes the decoded values. <paramref name="any"/>: a field was written.
    /// </summary>
    public static bool TryWrite(LineBuffer output, ReadOnlySpan<byte> json, out bool any)
    {
        any = false;
        Span<Field> fields = stackalloc Field[MaxFields];
        byte[]? unescaped = null;
        try
        {
            if (!TryRead(json, fields, ref unescaped, out var count))
            {
                return false;
            }

            fields = fields[..count];
            SortByName(json, fields);
            for (var i = 0; i < fields.Length; i++)
            {
                var field = fields[i];
                var name = json.Slice(field.NameStart, field.NameLength);
                // A repeated name: the last value wins, as in the client's dictionary.
                if (i + 1 < fields.Length && name.SequenceEqual(json.Slice(fields[i + 1].NameStart, fields[i + 1].NameLength)))
                {
                    continue;
                }

                if (field.Kind == Kind.Double && !double.IsFinite(field.Double))
                {
                    continue;
                }

                if (any)
                {
                    output.Write((byte)',');
                }

                LineEscape.Key(output, name);
                output.Write((byte)'=');
                WriteValue(output, field, json, unescaped);
                any = true;
            }

            return true;
        }
        finally
        {
            if (unescaped is not null)
            {
                ArrayPool<byte>.Shared.Return(unescaped);
            }
        }
    }

    private static bool TryRead(ReadOnlySpan<byte> json, Span<Field> fields, ref byte[]? unescaped, out int count)
    {
        count = 0;
        var unescapedLength = 0;
        var reader = new Utf8JsonReader(json);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            throw new InvalidDataException("a stored row's fields are not a JSON object");
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (count == fields.Length || reader.ValueIsEscaped || !System.Text.Ascii.IsValid(reader.ValueSpan))
            {
                return false;
            }

            ref var field = ref fields[count++];
            field = default;
            field.NameStart = (int)reader.TokenStartIndex + 1;
            field.NameLength = reader.ValueSpan.Length;
            var name = reader.ValueSpan;
            reader.Read();
            switch (reader.TokenType)
            {
                case JsonTokenType.True or JsonTokenType.False:
                    field.Kind = reader.TokenType == JsonTokenType.True ? Kind.True : Kind.False;
                    break;
                case JsonTokenType.Number when Measurements.IsIntegerField(name):
                    field.Kind = Kind.Integer;
                    field.Integer = reader.TryGetInt64(out var integer) ? integer : throw NotA("an integer", name);
                    break;
                case JsonTokenType.Number:
                    field.Kind = Kind.Double;
                    field.Double = reader.TryGetDouble(out var number) ? number : throw NotA("a number", name);
                    break;
                case JsonTokenType.String when reader.ValueIsEscaped:
                    unescaped ??= ArrayPool<byte>.Shared.Rent(json.Length);
                    field.Kind = Kind.Unescaped;
                    field.ValueStart = unescapedLength;
                    field.ValueLength = reader.CopyString(unescaped.AsSpan(unescapedLength));
                    unescapedLength += field.ValueLength;
                    break;
                case JsonTokenType.String:
                    field.Kind = Kind.Text;
                    field.ValueStart = (int)reader.TokenStartIndex + 1;
                    field.ValueLength = reader.ValueSpan.Length;
                    break;
                case JsonTokenType.Null:
                    field.Kind = Kind.Text;
                    break;
                default:
                    throw NotA("a value", name);
            }
        }

        return true;
    }

    private static void WriteValue(LineBuffer output, in Field field, ReadOnlySpan<byte> json, byte[]? unescaped)
    {
        switch (field.Kind)
        {
            case Kind.True:
                output.Write("true"u8);
                break;
            case Kind.False:
                output.Write("false"u8);
                break;
            case Kind.Integer:
                field.Integer.TryFormat(output.GetSpan(20), out var length, default, CultureInfo.InvariantCulture);
                output.Advance(length);
                output.Write((byte)'i');
                break;
            case Kind.Double:
                LineProtocol.WriteDouble(output, field.Double);
                break;
            default:
                var text = field.Kind == Kind.Unescaped
                    ? unescaped.AsSpan(field.ValueStart, field.ValueLength)
                    : json.Slice(field.ValueStart, field.ValueLength);
                output.Write((byte)'"');
                LineEscape.StringValue(output, text);
                output.Write((byte)'"');
                break;
        }
    }

    // Stable insertion sort (a row has about ten fields): byte order of ASCII names is the client's ordinal order.
    private static void SortByName(ReadOnlySpan<byte> json, Span<Field> fields)
    {
        for (var i = 1; i < fields.Length; i++)
        {
            var field = fields[i];
            var name = json.Slice(field.NameStart, field.NameLength);
            var at = i;
            while (at > 0 && json.Slice(fields[at - 1].NameStart, fields[at - 1].NameLength).SequenceCompareTo(name) > 0)
            {
                fields[at] = fields[at - 1];
                at--;
            }

            fields[at] = field;
        }
    }

    private static InvalidDataException NotA(string what, ReadOnlySpan<byte> name) =>
        new($"the stored field '{System.Text.Encoding.UTF8.GetString(name)}' is not {what}");

    private struct Field
    {
        public int NameStart;
        public int NameLength;
        public Kind Kind;
        public long Integer;
        public double Double;
        public int ValueStart;
        public int ValueLength;
    }
}
