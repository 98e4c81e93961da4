using System.Runtime.CompilerServices;
using Probe.Storage;

namespace Probe.Report;

/// <summary>The local store's rows, through the same read <c>probe export</c> uses (no schema knowledge of its own).</summary>
internal sealed class StoreRows(IResultStore store) : IReportRows
{
    public async IAsyncEnumerable<ReportRow> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // Everything, not only rows after --since: an incident that began before the window still needs its start.
        await foreach (var pending in store.ReadPointsAsync(null, false, cancellationToken).ConfigureAwait(false))
        {
            var point = pending.Point;
            var tags = new Dictionary<string, string>(point.Tags.Count, StringComparer.Ordinal);
            foreach (var (key, value) in point.Tags)
            {
                tags[key] = value;
            }

            var fields = new Dictionary<string, object>(StringComparer.Ordinal);
            foreach (var (key, value) in point.Fields)
            {
                fields[key] = value;
            }

            yield return new ReportRow(point.Measurement, tags, fields, point.TimestampMs);
        }
    }
}
