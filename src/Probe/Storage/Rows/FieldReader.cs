using Probe.Storage.Schema;
using Probe.Storage.Store;

namespace Probe.Storage.Rows;

/// <summary>Steps through a row's stored fields (<see cref="FieldFormat"/>) one entry at a time, without allocating.</summary>
internal ref struct FieldReader(ReadOnlySpan<byte> data)
{
    private readonly ReadOnlySpan<byte> _data = data;
    private int _at;

    public int Code { get; private set; }

    /// <summary>Where a written-out name (code 0) starts in the data, and its length.</summary>
    public int NameStart { get; private set; }

    public int NameLength { get; private set; }

    public FieldFormat.ValueType Type { get; private set; }

    /// <summary>The value of an Integer or Micros entry (microseconds for Micros).</summary>
    public long Integer { get; private set; }

    /// <summary>The value of a Double entry.</summary>
    public double Double { get; private set; }

    /// <summary>Where a Text entry's UTF-8 starts in the data, and its length.</summary>
    public int TextStart { get; private set; }

    public int TextLength { get; private set; }

    public readonly ReadOnlySpan<byte> Name => Code == FieldFormat.NamedCode ? _data.Slice(NameStart, NameLength) : FieldFormat.NamesUtf8[Code];

    public readonly ReadOnlySpan<byte> Text => _data.Slice(TextStart, TextLength);

    /// <summary>Whether the schema types this field as an integer.</summary>
    public readonly bool IsIntegerField => Code == FieldFormat.NamedCode ? Measurements.IsIntegerField(Name) : FieldFormat.IntegerCodes[Code];

    public bool Next()
    {
        if (_at >= _data.Length)
        {
            return false;
        }

        var header = _data[_at++];
        Code = header >> 3;
        Type = (FieldFormat.ValueType)(header & 7);
        if (Code > FieldFormat.Names.Length || Type > FieldFormat.ValueType.Text)
        {
            throw FieldFormat.Damaged();
        }

        if (Code == FieldFormat.NamedCode)
        {
            (var nameStart, var nameLength) = FieldFormat.ReadBytes(_data, ref _at);
            NameStart = nameStart;
            NameLength = nameLength;
        }

        switch (Type)
        {
            case FieldFormat.ValueType.Integer or FieldFormat.ValueType.Micros:
                Integer = FieldFormat.UnZigZag(FieldFormat.ReadVarint(_data, ref _at));
                break;
            case FieldFormat.ValueType.Double:
                Double = FieldFormat.ReadDouble(_data, ref _at);
                break;
            case FieldFormat.ValueType.Text:
                (var start, var length) = FieldFormat.ReadBytes(_data, ref _at);
                TextStart = start;
                TextLength = length;
                break;
        }

        return true;
    }

    /// <summary>
    /// The entry's type as the schema types it: Integer for integer fields (whose value is <see cref="Integer"/>), Double
    /// for every other number (whose value is <see cref="Number"/>), else as stored.
    /// </summary>
    public readonly FieldFormat.ValueType TypedAs => Type switch
    {
        FieldFormat.ValueType.Integer or FieldFormat.ValueType.Micros or FieldFormat.ValueType.Double when IsIntegerField =>
            Type == FieldFormat.ValueType.Integer ? FieldFormat.ValueType.Integer : throw NotAnInteger(),
        FieldFormat.ValueType.Integer or FieldFormat.ValueType.Micros => FieldFormat.ValueType.Double,
        _ => Type,
    };

    /// <summary>A numeric entry's value as a double (Micros back to the schema's unit).</summary>
    public readonly double Number => Type switch
    {
        FieldFormat.ValueType.Integer => Integer,
        FieldFormat.ValueType.Micros => Integer / FieldFormat.MicrosPerUnit,
        _ => Double,
    };

    /// <summary>The entry's value as the schema types it: bool, long for integer fields, double for other numbers, string.</summary>
    public readonly object Value() => TypedAs switch
    {
        FieldFormat.ValueType.False => false,
        FieldFormat.ValueType.True => true,
        FieldFormat.ValueType.Text => System.Text.Encoding.UTF8.GetString(Text),
        FieldFormat.ValueType.Integer => Integer,
        _ => Number,
    };

    private readonly InvalidDataException NotAnInteger() => new($"the stored field '{System.Text.Encoding.UTF8.GetString(Name)}' is not an integer");
}
