namespace Probe.Upload;

/// <summary>Output formats of <c>probe export</c>.</summary>
public enum ExportFormat
{
    /// <summary>InfluxDB line protocol, ms timestamps: loads with POST /write?precision=ms (v1) or /api/v2/write?precision=ms (v2).</summary>
    Lp,

    /// <summary>RFC 4180 CSV: measurement, time, timestamp_ms, then one column per tag and per field.</summary>
    Csv,

    /// <summary>NDJSON: one JSON object per line (measurement, time, timestamp_ms, tags, fields).</summary>
    Json,
}
