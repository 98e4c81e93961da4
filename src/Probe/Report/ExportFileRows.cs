using System.Runtime.CompilerServices;
using Probe.Storage.Rows;
using Probe.Storage.Schema;
using Probe.Storage.Store;

namespace Probe.Report;

/// <summary>
/// Rows of <c>probe export</c> files (lp or json, told apart by their first line), one file after the other. A line
/// that is not a probe point stops the read with a <see cref="ReportInputException"/> naming the file and line: a
/// report built over a silently skipped part of the evidence would be wrong without saying so.
/// </summary>
internal sealed class ExportFileRows(IReadOnlyList<string> paths) : IReportRows
{
    private static readonly HashSet<string> Measurements = new(StringComparer.Ordinal) { "probe_check", "probe_verdict", "probe_health", "probe_clock" };

    // 2000-01-01 and 2200-01-01 in ms: outside is a file in another precision (s, us, ns) or no probe export.
    private const long EarliestMs = 946_684_800_000;
    private const long LatestMs = 7_258_118_400_000;

    public async IAsyncEnumerable<ReportRow> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var path in paths)
        {
            StreamReader reader;
            try
            {
                reader = new StreamReader(path, System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new ReportInputException(path, 0, e.Message);
            }

            using (reader)
            {
                bool? json = null;
                long number = 0;
                while (await ReadLineAsync(reader, path, number + 1, cancellationToken).ConfigureAwait(false) is { } line)
                {
                    number++;
                    if (string.IsNullOrWhiteSpace(line) || line.StartsWith('#'))
                    {
                        continue;
                    }

                    json ??= FormatOf(line, path, number);
                    yield return Parse(line, json.Value, path, number);
                }
            }
        }
    }

    private static async Task<string?> ReadLineAsync(StreamReader reader, string path, long number, CancellationToken cancellationToken)
    {
        try
        {
            return await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (IOException e)
        {
            throw new ReportInputException(path, number, e.Message);
        }
    }

    private static bool FormatOf(string line, string path, long number)
    {
        if (line.StartsWith("measurement,", StringComparison.Ordinal) || line.StartsWith("\"measurement\",", StringComparison.Ordinal))
        {
            throw new ReportInputException(path, number, "this is a csv export, which cannot be read back: export with --format lp or --format json");
        }

        return line.TrimStart().StartsWith('{');
    }

    private static ReportRow Parse(string line, bool json, string path, long number)
    {
        ReportRow row;
        try
        {
            row = json ? JsonLineReader.Parse(line) : LineProtocolReader.Parse(line);
        }
        catch (FormatException e)
        {
            throw new ReportInputException(path, number, $"not a probe export line ({(json ? "json" : "line protocol")}): {e.Message}");
        }

        if (!Measurements.Contains(row.Measurement))
        {
            throw new ReportInputException(path, number, $"'{Shorten(row.Measurement)}' is no measurement of the probe (probe_check, probe_verdict, probe_health, probe_clock): not a probe export");
        }

        if (row.TimestampMs is < EarliestMs or > LatestMs)
        {
            throw new ReportInputException(path, number, $"the timestamp {row.TimestampMs} is not in milliseconds between 2000 and 2200 (probe export writes ms)");
        }

        if (row.Tag("probe") is null && row.Measurement != "probe_clock")
        {
            throw new ReportInputException(path, number, "the point has no probe tag: not a probe export");
        }

        return row;
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
