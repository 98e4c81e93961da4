using Probe.Storage;

namespace Probe.Upload;

/// <summary>The logic of <c>probe export</c>: streams the local store out as line protocol, CSV or NDJSON, in bounded memory.</summary>
public sealed class Exporter(IResultStore store)
{
    /// <summary>Writes every stored point (or only undelivered ones) since <paramref name="since"/>; returns how many were written.</summary>
    public async Task<long> ExportAsync(
        Stream output, ExportFormat format, DateTimeOffset? since, bool pendingOnly, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        var writer = format switch
        {
            ExportFormat.Lp => new LineProtocolExportWriter(output),
            ExportFormat.Json => new JsonExportWriter(output),
            ExportFormat.Csv => await CreateCsvWriterAsync(output, since, pendingOnly, cancellationToken).ConfigureAwait(false),
            _ => throw new ArgumentOutOfRangeException(nameof(format), format, null),
        };

        long count = 0;
        await using (writer.ConfigureAwait(false))
        {
            await foreach (var pending in store.ReadPointsAsync(since, pendingOnly, cancellationToken).ConfigureAwait(false))
            {
                await writer.WriteAsync(pending.Point, cancellationToken).ConfigureAwait(false);
                count++;
            }
        }

        await output.FlushAsync(cancellationToken).ConfigureAwait(false);
        return count;
    }

    // CSV needs its columns before the first row: a first pass collects the (few) tag and field names, not the rows.
    // A key first seen in a row added between the passes has no column; the schema's keys are all known by then.
    private async Task<IExportWriter> CreateCsvWriterAsync(
        Stream output, DateTimeOffset? since, bool pendingOnly, CancellationToken cancellationToken)
    {
        var tags = new SortedSet<string>(StringComparer.Ordinal);
        var fields = new SortedSet<string>(StringComparer.Ordinal);
        await foreach (var pending in store.ReadPointsAsync(since, pendingOnly, cancellationToken).ConfigureAwait(false))
        {
            foreach (var tag in pending.Point.Tags)
            {
                tags.Add(tag.Key);
            }

            foreach (var field in pending.Point.Fields)
            {
                fields.Add(field.Key);
            }
        }

        return new CsvExportWriter(output, [.. tags], [.. fields]);
    }
}
