namespace Probe.Storage.Rows;

/// <summary>
/// One field of a stored row, typed as the schema types it. A plain value that points into its row's bytes (read its
/// name and text through <see cref="StoredFields.NameOf"/> and <see cref="StoredFields.TextOf"/>): a row's fields can be
/// kept and sorted in a stack buffer, with no object per field.
/// </summary>
internal readonly struct StoredField
{
    private readonly int _code;
    private readonly int _nameStart;
    private readonly int _nameLength;
    private readonly int _textStart;
    private readonly int _textLength;

    internal StoredField(int code, int nameStart, int nameLength, StoredFieldType type, long integer, double number, int textStart, int textLength)
    {
        _code = code;
        _nameStart = nameStart;
        _nameLength = nameLength;
        Type = type;
        Integer = integer;
        Double = number;
        _textStart = textStart;
        _textLength = textLength;
    }

    public StoredFieldType Type { get; }

    /// <summary>The value of an <see cref="StoredFieldType.Integer"/> field.</summary>
    public long Integer { get; }

    /// <summary>The value of a <see cref="StoredFieldType.Double"/> field (timers back in ms).</summary>
    public double Double { get; }

    /// <summary>Whether the name is one of the schema's (ASCII, stored as a code); any other name is written out in the row.</summary>
    public bool HasSchemaName => _code != FieldFormat.NamedCode;

    internal ReadOnlySpan<byte> Name(ReadOnlySpan<byte> encoded) =>
        _code == FieldFormat.NamedCode ? encoded.Slice(_nameStart, _nameLength) : FieldFormat.NamesUtf8[_code];

    internal ReadOnlySpan<byte> Text(ReadOnlySpan<byte> encoded) => encoded.Slice(_textStart, _textLength);
}
