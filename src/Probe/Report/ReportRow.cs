namespace Probe.Report;

/// <summary>One stored point as the report reads it, from the local store or from a <c>probe export</c> file.</summary>
/// <param name="Measurement">probe_check, probe_verdict, probe_health or probe_clock.</param>
/// <param name="Tags">The point's tags (probe, group, platform, failure, clock …).</param>
/// <param name="Fields">Its fields: bool, long, double or string.</param>
/// <param name="TimestampMs">Unix time in milliseconds.</param>
internal sealed record ReportRow(
    string Measurement,
    IReadOnlyDictionary<string, string> Tags,
    IReadOnlyDictionary<string, object> Fields,
    long TimestampMs)
{
    public string? Tag(string key) => Tags.TryGetValue(key, out var value) && value.Length > 0 ? value : null;

    public string? Text(string key) => Fields.TryGetValue(key, out var value) ? value as string : null;

    public bool? Flag(string key) => Fields.TryGetValue(key, out var value) && value is bool b ? b : null;
}
