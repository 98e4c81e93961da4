using Probe.Storage.Rows;
using Probe.Storage.Schema;
using Probe.Storage.Store;
using Probe.Storage;

namespace Probe.Upload;

/// <summary>
/// Writes a stored row's fields (<see cref="FieldFormat"/>) as line-protocol fields in one pass with no per-field objects,
/// typed as RowDecoder types them (integer fields by name, every other number a double).
/// </summary>
internal static class StoredFieldWriter
{
    private const int MaxFields = 32;

    /// <summary>
    /// False (and nothing written) for what this path does not take: non-ASCII field names (UTF-8 byte order is not the
    /// client's UTF-16 order), more than <see cref="MaxFields"/> fields; the caller then writes the decoded values.
    /// <paramref name="any"/>: a field was written.
    /// </summary>
    public static bool TryWrite(LineBuffer output, ReadOnlySpan<byte> stored, out bool any)
    {
        any = false;
        Span<Field> fields = stackalloc Field[MaxFields];
        if (!TryRead(stored, fields, out var count))
        {
            return false;
        }

        fields = fields[..count];
        SortByName(stored, fields);
        for (var i = 0; i < fields.Length; i++)
        {
            var field = fields[i];
            var name = field.Name(stored);
            // A repeated name: the last value wins, as in the client's dictionary.
            if (i + 1 < fields.Length && name.SequenceEqual(fields[i + 1].Name(stored)))
            {
                continue;
            }

            if (field.Type == FieldFormat.ValueType.Double && !double.IsFinite(field.Double))
            {
                continue;
            }

            if (any)
            {
                output.Write((byte)',');
            }

            LineEscape.Key(output, name);
            output.Write((byte)'=');
            WriteValue(output, field, stored);
            any = true;
        }

        return true;
    }

    private static bool TryRead(ReadOnlySpan<byte> stored, Span<Field> fields, out int count)
    {
        count = 0;
        var reader = new FieldReader(stored);
        while (reader.Next())
        {
            if (count == fields.Length || (reader.Code == FieldFormat.NamedCode && !System.Text.Ascii.IsValid(reader.Name)))
            {
                return false;
            }

            ref var field = ref fields[count++];
            field = default;
            field.Code = reader.Code;
            field.NameStart = reader.NameStart;
            field.NameLength = reader.NameLength;
            field.Type = reader.TypedAs;
            switch (field.Type)
            {
                case FieldFormat.ValueType.Integer:
                    field.Integer = reader.Integer;
                    break;
                case FieldFormat.ValueType.Double:
                    field.Double = reader.Number;
                    break;
                case FieldFormat.ValueType.Text:
                    field.ValueStart = reader.TextStart;
                    field.ValueLength = reader.TextLength;
                    break;
            }
        }

        return true;
    }

    private static void WriteValue(LineBuffer output, in Field field, ReadOnlySpan<byte> stored)
    {
        switch (field.Type)
        {
            case FieldFormat.ValueType.True:
                output.Write("true"u8);
                break;
            case FieldFormat.ValueType.False:
                output.Write("false"u8);
                break;
            case FieldFormat.ValueType.Integer:
                output.WriteDigits(field.Integer);
                output.Write((byte)'i');
                break;
            case FieldFormat.ValueType.Double:
                LineProtocol.WriteDouble(output, field.Double);
                break;
            default:
                output.Write((byte)'"');
                LineEscape.StringValue(output, stored.Slice(field.ValueStart, field.ValueLength));
                output.Write((byte)'"');
                break;
        }
    }

    // Stable insertion sort (a row has about ten fields, stored in name order): byte order of ASCII names is the client's ordinal order.
    private static void SortByName(ReadOnlySpan<byte> stored, Span<Field> fields)
    {
        for (var i = 1; i < fields.Length; i++)
        {
            var field = fields[i];
            var name = field.Name(stored);
            var at = i;
            while (at > 0 && fields[at - 1].Name(stored).SequenceCompareTo(name) > 0)
            {
                fields[at] = fields[at - 1];
                at--;
            }

            fields[at] = field;
        }
    }

    private struct Field
    {
        public int Code;
        public int NameStart;
        public int NameLength;
        public FieldFormat.ValueType Type;
        public long Integer;
        public double Double;
        public int ValueStart;
        public int ValueLength;

        public readonly ReadOnlySpan<byte> Name(ReadOnlySpan<byte> stored) =>
            Code == FieldFormat.NamedCode ? stored.Slice(NameStart, NameLength) : FieldFormat.NamesUtf8[Code];
    }
}
