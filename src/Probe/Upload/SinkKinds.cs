namespace Probe.Upload;

/// <summary>
/// The values of <c>Probe:Sink:Kind</c>, spelled once: the configuration reads and checks them, the sink factory builds
/// from them, the commands ask whether a sink is configured at all (PROBE.md, "Configuration").
/// </summary>
internal static class SinkKinds
{
    /// <summary>InfluxDB 2.x or a store taking its write API (<c>/api/v2/write</c>): needs Url, Org and Bucket.</summary>
    public const string Influx2 = "influx2";

    /// <summary>InfluxDB 1.x (<c>/write?db=</c>): needs Url and Database.</summary>
    public const string Influx1 = "influx1";

    /// <summary>No sink: results stay in the local store.</summary>
    public const string None = "none";

    /// <summary>Every kind, in the order help and errors list them.</summary>
    public static IReadOnlyList<string> All { get; } = [Influx2, Influx1, None];

    /// <summary>Whether <paramref name="kind"/> names a sink that sends (anything but <see cref="None"/>).</summary>
    public static bool Sends(string kind) => !string.Equals(kind, None, StringComparison.OrdinalIgnoreCase);
}
