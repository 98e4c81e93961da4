using System.Buffers.Binary;
using System.Text;

namespace Probe.Storage;

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
        // Stable: a repeated name keeps its order, so that the last value still wins when read.
        var sorted = _entries.Select((entry, index) => (entry, index))
            .OrderBy(x => x.entry.Name, StringComparer.Ordinal).ThenBy(x => x.index).Select(x => x.entry);
        using var output = new MemoryStream(64);
        Span<byte> eight = stackalloc byte[8];
        foreach (var entry in sorted)
        {
            var code = FieldFormat.CodeOf(entry.Name);
            output.WriteByte((byte)((code << 3) | (int)entry.Type));
            if (code == FieldFormat.NamedCode)
            {
                WriteText(output, entry.Name);
            }

            switch (entry.Type)
            {
                case FieldFormat.ValueType.Integer or FieldFormat.ValueType.Micros:
                    FieldFormat.WriteVarint(output, FieldFormat.ZigZag(entry.Integer));
                    break;
                case FieldFormat.ValueType.Double:
                    BinaryPrimitives.WriteDoubleLittleEndian(eight, entry.Double);
                    output.Write(eight);
                    break;
                case FieldFormat.ValueType.Text:
                    WriteText(output, entry.Text!);
                    break;
            }
        }

        return output.ToArray();
    }

    private static void WriteText(MemoryStream output, string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        FieldFormat.WriteVarint(output, (ulong)bytes.Length);
        output.Write(bytes);
    }

    private FieldsBuilder Add(Entry entry)
    {
        _entries.Add(entry);
        return this;
    }

    private readonly record struct Entry(string Name, FieldFormat.ValueType Type, long Integer, double Double, string? Text);
}
