using System.Collections;
using Probe.Storage.Schema;
using Probe.Storage.Store;

namespace Probe.Storage.Rows;

/// <summary>
/// The tag set of one stored series with one clock tag value, shared by every row of it; it also keeps the series'
/// escaped line-protocol prefix once the writer has made it, so a drain escapes each series once, not each row.
/// </summary>
internal sealed class SeriesTags(string measurement, KeyValuePair<string, string>[] tags) : IReadOnlyList<KeyValuePair<string, string>>
{
    public string Measurement => measurement;

    /// <summary><c>measurement,tag=value,…</c> as line protocol (UTF-8), or null until the writer first needs it.</summary>
    public byte[]? LinePrefix { get; set; }

    public int Count => tags.Length;

    public KeyValuePair<string, string> this[int index] => tags[index];

    public IEnumerator<KeyValuePair<string, string>> GetEnumerator() => ((IEnumerable<KeyValuePair<string, string>>)tags).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
