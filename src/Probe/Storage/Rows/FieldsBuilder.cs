using System.Buffers.Binary;
using System.Buffers;
using System.Text;
using Probe.Storage.Schema;
using Probe.Storage.Store;

namespace Probe.Storage.Rows;

/// <summary>Builds a row's fields in the stored format (<see cref="FieldFormat"/>), entries sorted by name as line protocol wants them.</summary>
internal sealed class FieldsBuilder
{
    private const double MaxMicros = 1L << 53;

    private readonly List<Entry> _entries = new(12);

    public FieldsBuilder Bool(string name, bool value) => Add(new(name, value ? FieldFormat.ValueType.True : FieldFormat.ValueType.False, 0, 0, null));

    /// <summary>A whole number; read back as an integer where the schema types the field so, as a double elsewhere.</summary>
    public FieldsBuilder Integer(string name, long value) => Add(new(name, FieldFormat.ValueType.Integer, value, 0, null));

    /// <summary>A number typed by name as the schema types it: an integer field keeps a whole value as an integer.</summary>
    public FieldsBuilder Number(string name, double value)
    {
        if (Measurements.IsIntegerField(name) && value == Math.Floor(value) && Math.Abs(value) < MaxMicros)
        {
            return Add(new(name, FieldFormat.ValueType.Integer, (long)value, 0, null));
        }

        return Add(new(name, FieldFormat.ValueType.Double, 0, value, null));
    }

    /// <summary>A duration in ms, kept to the microsecond; a value no varint of microseconds holds (non-finite, huge) stays a double.</summary>
    public FieldsBuilder Timer(string name, double ms)
    {
        var micros = Math.Round(ms * FieldFormat.MicrosPerUnit);
        return double.IsFinite(micros) && Math.Abs(micros) < MaxMicros && !Measurements.IsIntegerField(name)
            ? Add(new(name, FieldFormat.ValueType.Micros, (long)micros, 0, null))
            : Number(name, ms);
    }

    public FieldsBuilder Text(string name, string value) => Add(new(name, FieldFormat.ValueType.Text, 0, 0, value));

    public byte[] Build()
    {
        // Stable insertion sort (about ten entries, mostly in order): a repeated name keeps its order, so the last value still wins.
        var entries = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_entries);
        for (var i = 1; i < entries.Length; i++)
        {
            var entry = entries[i];
            var at = i;
            while (at > 0 && string.CompareOrdinal(entries[at - 1].Name, entry.Name) > 0)
            {
                entries[at] = entries[at - 1];
                at--;
            }

            entries[at] = entry;
        }

        var capacity = 0;
        foreach (var entry in entries)
        {
            capacity += 1 + 10 + (FieldFormat.CodeOf(entry.Name) == FieldFormat.NamedCode ? 5 + Encoding.UTF8.GetMaxByteCount(entry.Name.Length) : 0)
                + (entry.Text is null ? 0 : 5 + Encoding.UTF8.GetMaxByteCount(entry.Text.Length));
        }

        var rented = ArrayPool<byte>.Shared.Rent(capacity);
        try
        {
            var output = rented.AsSpan();
            var length = 0;
            foreach (var entry in entries)
            {
                var code = FieldFormat.CodeOf(entry.Name);
                output[length++] = (byte)((code << 3) | (int)entry.Type);
                if (code == FieldFormat.NamedCode)
                {
                    length = WriteText(output, length, entry.Name);
                }

                switch (entry.Type)
                {
                    case FieldFormat.ValueType.Integer or FieldFormat.ValueType.Micros:
                        length = FieldFormat.WriteVarint(output, length, FieldFormat.ZigZag(entry.Integer));
                        break;
                    case FieldFormat.ValueType.Double:
                        BinaryPrimitives.WriteDoubleLittleEndian(output[length..], entry.Double);
                        length += 8;
                        break;
                    case FieldFormat.ValueType.Text:
                        length = WriteText(output, length, entry.Text!);
                        break;
                }
            }

            return output[..length].ToArray();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private static int WriteText(Span<byte> output, int at, string text)
    {
        var bytes = Encoding.UTF8.GetByteCount(text);
        at = FieldFormat.WriteVarint(output, at, (ulong)bytes);
        return at + Encoding.UTF8.GetBytes(text, output[at..]);
    }

    private FieldsBuilder Add(Entry entry)
    {
        _entries.Add(entry);
        return this;
    }

    private readonly record struct Entry(string Name, FieldFormat.ValueType Type, long Integer, double Double, string? Text);
}
