namespace Probe.Storage;

/// <summary>A point of the line-protocol schema (PROBE.md section 3, "Schema"): measurement, tags (empty ones omitted), fields, ms timestamp.</summary>
/// <param name="Measurement">probe_check, probe_verdict, probe_health or probe_clock.</param>
/// <param name="Tags">Tag set, sorted by key, empty values omitted.</param>
/// <param name="Fields">Field values: bool, long, double or string.</param>
/// <param name="TimestampMs">Unix time in milliseconds, unique per series.</param>
public sealed record ProbePoint(
    string Measurement,
    IReadOnlyList<KeyValuePair<string, string>> Tags,
    IReadOnlyList<KeyValuePair<string, object>> Fields,
    long TimestampMs);
