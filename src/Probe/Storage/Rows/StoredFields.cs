using System.Collections;
using Probe.Storage.Schema;
using Probe.Storage.Store;

namespace Probe.Storage.Rows;

/// <summary>
/// A row's fields as the store keeps them (<see cref="FieldFormat"/>), decoded into values only when something asks for them:
/// the upload and <c>probe export --format lp</c> write line protocol straight from the stored bytes.
/// </summary>
internal sealed class StoredFields(byte[] encoded) : IReadOnlyList<KeyValuePair<string, object>>
{
    private KeyValuePair<string, object>[]? _decoded;

    public ReadOnlySpan<byte> Encoded => encoded;

    public int Count => Decoded.Length;

    // Decoding twice on a race gives the same values; a lock would cost every reader.
    private KeyValuePair<string, object>[] Decoded => _decoded ??= RowDecoder.DecodeFields(encoded);

    public KeyValuePair<string, object> this[int index] => Decoded[index];

    public IEnumerator<KeyValuePair<string, object>> GetEnumerator() => ((IEnumerable<KeyValuePair<string, object>>)Decoded).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
