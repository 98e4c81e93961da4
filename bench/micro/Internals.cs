using System.Linq.Expressions;
using System.Reflection;
using Probe.Checks;
using Probe.Configuration;
using Probe.Storage;

namespace Probe.Bench.Micro;

/// <summary>
/// Direct delegates to the probe's internal hot paths (compiled expressions skip visibility checks, so the call costs
/// what a direct call costs). The product exposes only its seams; this keeps src/ free of bench-only visibility.
/// </summary>
internal static class Internals
{
    private static readonly Assembly Probe = typeof(IResultStore).Assembly;

    /// <summary>PointEncoder.Encode(CheckResult): a result to the row the store writes (series, tags JSON, fields JSON).</summary>
    public static Func<CheckResult, object> Encoder(ProbeOptions options)
    {
        var type = Probe.GetType("Probe.Storage.PointEncoder", throwOnError: true)!;
        var encoder = Activator.CreateInstance(type, options)!;
        var result = Expression.Parameter(typeof(CheckResult));
        var call = Expression.Call(Expression.Constant(encoder), type.GetMethod("Encode", [typeof(CheckResult)])!, result);
        return Expression.Lambda<Func<CheckResult, object>>(Expression.Convert(call, typeof(object)), result).Compile();
    }

    /// <summary>(TagsJson, FieldsJson) of an encoded row.</summary>
    public static (string Measurement, string Tags, string Fields) RowText(object record)
    {
        var type = record.GetType();
        string Get(string name) => (string)type.GetProperty(name)!.GetValue(record)!;
        return (Get("Measurement"), Get("TagsJson"), Get("FieldsJson"));
    }

    /// <summary>PointDecoder.DecodeTags: a series' tags JSON to its tag list.</summary>
    public static Func<string, IReadOnlyList<KeyValuePair<string, string>>> TagDecoder() =>
        Probe.GetType("Probe.Storage.PointDecoder", true)!
            .GetMethod("DecodeTags")!.CreateDelegate<Func<string, IReadOnlyList<KeyValuePair<string, string>>>>();

    /// <summary>PointDecoder.Decode with a synced clock: a stored row back to its point.</summary>
    public static Func<string, IReadOnlyList<KeyValuePair<string, string>>, string, long, ProbePoint> RowDecoder()
    {
        var decoder = Probe.GetType("Probe.Storage.PointDecoder", true)!;
        var rowClock = Probe.GetType("Probe.Storage.RowClock", true)!;
        var measurement = Expression.Parameter(typeof(string));
        var tags = Expression.Parameter(typeof(IReadOnlyList<KeyValuePair<string, string>>));
        var fields = Expression.Parameter(typeof(string));
        var timestamp = Expression.Parameter(typeof(long));
        var call = Expression.Call(decoder.GetMethod("Decode")!, measurement, tags, Expression.Constant(Enum.ToObject(rowClock, 0)), fields, timestamp);
        return Expression.Lambda<Func<string, IReadOnlyList<KeyValuePair<string, string>>, string, long, ProbePoint>>(
            call, measurement, tags, fields, timestamp).Compile();
    }

    /// <summary>LineProtocol.Format: a point to one line of line protocol, through InfluxDB.Client's PointData.</summary>
    public static Func<ProbePoint, string> LineFormatter() =>
        Probe.GetType("Probe.Upload.LineProtocol", true)!
            .GetMethod("Format")!.CreateDelegate<Func<ProbePoint, string>>();
}
