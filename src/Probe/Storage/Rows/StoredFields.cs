using System.Collections;

namespace Probe.Storage.Rows;

/// <summary>
/// A row's fields as the store keeps them, and the one way out of Storage to read them: as typed values
/// (<see cref="IReadOnlyList{T}"/>, decoded on first use) or, without allocating, as <see cref="StoredField"/>s
/// (<see cref="Typed"/>) whose names and texts stay UTF-8 in the row's bytes. The upload and <c>probe export --format lp</c>
/// write line protocol that way. How the bytes are laid out (FieldFormat, FieldReader) is Storage/Rows' own business.
/// </summary>
internal sealed class StoredFields(byte[] encoded) : IReadOnlyList<KeyValuePair<string, object>>
{
    private KeyValuePair<string, object>[]? _decoded;

    public int Count => Decoded.Length;

    // Decoding twice on a race gives the same values; a lock would cost every reader.
    private KeyValuePair<string, object>[] Decoded => _decoded ??= RowDecoder.DecodeFields(encoded);

    public KeyValuePair<string, object> this[int index] => Decoded[index];

    /// <summary>The fields in stored (name) order, typed as the schema types them; throws InvalidDataException on damaged bytes.</summary>
    public TypedEnumerator Typed() => new(encoded);

    /// <summary>A field's name as UTF-8.</summary>
    public ReadOnlySpan<byte> NameOf(in StoredField field) => field.Name(encoded);

    /// <summary>A <see cref="StoredFieldType.Text"/> field's value as UTF-8.</summary>
    public ReadOnlySpan<byte> TextOf(in StoredField field) => field.Text(encoded);

    public IEnumerator<KeyValuePair<string, object>> GetEnumerator() => ((IEnumerable<KeyValuePair<string, object>>)Decoded).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Steps through the stored fields one at a time (for <c>foreach</c>), with no allocation.</summary>
    public ref struct TypedEnumerator
    {
        private FieldReader _reader;

        internal TypedEnumerator(ReadOnlySpan<byte> encoded) => _reader = new FieldReader(encoded);

        public StoredField Current { get; private set; }

        public readonly TypedEnumerator GetEnumerator() => this;

        public bool MoveNext()
        {
            if (!_reader.Next())
            {
                return false;
            }

            var type = _reader.TypedAs;
            Current = type switch
            {
                FieldFormat.ValueType.Integer => new(_reader.Code, _reader.NameStart, _reader.NameLength, StoredFieldType.Integer, _reader.Integer, 0, 0, 0),
                FieldFormat.ValueType.Double => new(_reader.Code, _reader.NameStart, _reader.NameLength, StoredFieldType.Double, 0, _reader.Number, 0, 0),
                FieldFormat.ValueType.Text => new(_reader.Code, _reader.NameStart, _reader.NameLength, StoredFieldType.Text, 0, 0, _reader.TextStart, _reader.TextLength),
                FieldFormat.ValueType.True => new(_reader.Code, _reader.NameStart, _reader.NameLength, StoredFieldType.True, 0, 0, 0, 0),
                _ => new(_reader.Code, _reader.NameStart, _reader.NameLength, StoredFieldType.False, 0, 0, 0, 0),
            };
            return true;
        }
    }
}
