namespace Probe.Report;

/// <summary>Where a report's rows come from; read twice (verdicts and probes first, then the checks), so it must be re-readable.</summary>
internal interface IReportRows
{
    IAsyncEnumerable<ReportRow> ReadAsync(CancellationToken cancellationToken);
}
