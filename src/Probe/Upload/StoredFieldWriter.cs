using Probe.Storage.Rows;

namespace Probe.Upload;

/// <summary>
/// Writes a stored row's fields (<see cref="StoredFields.Typed"/>) as line-protocol fields in one pass with no per-field
/// objects, typed as the store types them (integer fields by name, every other number a double).
/// </summary>
internal static class StoredFieldWriter
{
    private const int MaxFields = 32;

    /// <summary>
    /// False (and nothing written) for what this path does not take: non-ASCII field names (UTF-8 byte order is not the
    /// client's UTF-16 order), more than <see cref="MaxFields"/> fields; the caller then writes the decoded values.
    /// <paramref name="any"/>: a field was written.
    /// </summary>
    public static bool TryWrite(LineBuffer output, StoredFields stored, out bool any)
    {
        any = false;
        Span<StoredField> fields = stackalloc StoredField[MaxFields];
        if (!TryRead(stored, fields, out var count))
        {
            return false;
        }

        fields = fields[..count];
        SortByName(stored, fields);
        for (var i = 0; i < fields.Length; i++)
        {
            var field = fields[i];
            var name = stored.NameOf(field);
            // A repeated name: the last value wins, as in the client's dictionary.
            if (i + 1 < fields.Length && name.SequenceEqual(stored.NameOf(fields[i + 1])))
            {
                continue;
            }

            if (field.Type == StoredFieldType.Double && !double.IsFinite(field.Double))
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

    private static bool TryRead(StoredFields stored, Span<StoredField> fields, out int count)
    {
        count = 0;
        foreach (var field in stored.Typed())
        {
            if (count == fields.Length || (!field.HasSchemaName && !System.Text.Ascii.IsValid(stored.NameOf(field))))
            {
                return false;
            }

            fields[count++] = field;
        }

        return true;
    }

    private static void WriteValue(LineBuffer output, in StoredField field, StoredFields stored)
    {
        switch (field.Type)
        {
            case StoredFieldType.True:
                output.Write("true"u8);
                break;
            case StoredFieldType.False:
                output.Write("false"u8);
                break;
            case StoredFieldType.Integer:
                output.WriteDigits(field.Integer);
                output.Write((byte)'i');
                break;
            case StoredFieldType.Double:
                LineProtocol.WriteDouble(output, field.Double);
                break;
            default:
                output.Write((byte)'"');
                LineEscape.StringValue(output, stored.TextOf(field));
                output.Write((byte)'"');
                break;
        }
    }

    // Stable insertion sort (a row has about ten fields, stored in name order): byte order of ASCII names is the client's ordinal order.
    private static void SortByName(StoredFields stored, Span<StoredField> fields)
    {
        for (var i = 1; i < fields.Length; i++)
        {
            var field = fields[i];
            var name = stored.NameOf(field);
            var at = i;
            while (at > 0 && stored.NameOf(fields[at - 1]).SequenceCompareTo(name) > 0)
            {
                fields[at] = fields[at - 1];
                at--;
            }

            fields[at] = field;
        }
    }
}
