using System.Runtime.CompilerServices;
using Probe.Report;

namespace Probe.Tests.Report;

/// <summary>Rows held in memory, for the builder's unit tests.</summary>
internal sealed class ListRows(IReadOnlyList<ReportRow> rows) : IReportRows
{
    public async IAsyncEnumerable<ReportRow> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var row in rows)
        {
            await Task.Yield();
            yield return row;
        }
    }
}
