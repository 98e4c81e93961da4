using System.Globalization;
using System.Text;
using Probe.Storage;

namespace Probe.Upload;

/// <summary>RFC 4180 CSV (CRLF, quoted where needed) with a column per tag and per field known before the first row.</summary>
internal sealed class CsvExportWriter : IExportWriter
{
    private static readonly string[] LeadingColumns = ["measurement", "time", "timestamp_ms"];
    private readonly StreamWriter _writer;
    private readonly IReadOnlyList<string> _tags;
    private readonly IReadOnlyList<string> _fields;
    private readonly string?[] _row;

    public CsvExportWriter(Stream output, IReadOnlyList<string> tagColumns, IReadOnlyList<string> fieldColumns)
    {
        _writer = new StreamWriter(output, new UTF8Encoding(false), 1 << 16, leaveOpen: true) { NewLine = "\r\n" };
        _tags = tagColumns;
        _fields = fieldColumns;
        _row = new string?[3 + _tags.Count + _fields.Count];
        _writer.WriteLine(string.Join(',', LeadingColumns.Concat(_tags).Concat(_fields).Select(Quote)));
    }

    public async Task WriteAsync(ProbePoint point, CancellationToken cancellationToken)
    {
        Array.Clear(_row);
        _row[0] = point.Measurement;
        _row[1] = ExportText.Time(point.TimestampMs);
        _row[2] = point.TimestampMs.ToString(CultureInfo.InvariantCulture);
        foreach (var (key, value) in point.Tags)
        {
            Put(_tags, 3, key, value);
        }

        foreach (var (key, value) in point.Fields)
        {
            Put(_fields, 3 + _tags.Count, key, ExportText.Value(value));
        }

        await _writer.WriteLineAsync(string.Join(',', _row.Select(Quote))).ConfigureAwait(false);
    }

    public ValueTask DisposeAsync() => _writer.DisposeAsync();

    private void Put(IReadOnlyList<string> columns, int offset, string key, string? value)
    {
        // Columns are few (the schema's tags and fields), so a linear scan beats a dictionary here.
        for (var i = 0; i < columns.Count; i++)
        {
            if (columns[i] == key)
            {
                _row[offset + i] = value;
                return;
            }
        }
    }

    private static string Quote(string? value) =>
        value is null ? "" :
        value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" :
        value;
}
