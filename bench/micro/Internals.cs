using System.Linq.Expressions;
using System.Reflection;
using Probe.Checks;
using Probe.Configuration;
using Probe.Storage.Rows;
using Probe.Storage.Schema;
using Probe.Storage.Store;
using Probe.Storage;

namespace Probe.Bench.Micro;

/// <summary>
/// Direct delegates to the probe's internal hot paths (compiled expressions skip visibility checks, so the call costs
/// what a direct call costs). The product exposes only its seams; this keeps src/ free of bench-only visibility.
/// </summary>
internal static class Internals
{
    private static readonly Assembly Probe = typeof(IResultStore).Assembly;

    /// <summary>RowEncoder.Encode(CheckResult): a result to the row the store writes (series, tags JSON, fields JSON).</summary>
    public static Func<CheckResult, object> Encoder(ProbeOptions options)
    {
        var type = Probe.GetType("Probe.Storage.Rows.RowEncoder", throwOnError: true)!;
        var encoder = Activator.CreateInstance(type, options)!;
        var result = Expression.Parameter(typeof(CheckResult));
        var call = Expression.Call(Expression.Constant(encoder), type.GetMethod("Encode", [typeof(CheckResult)])!, result);
        return Expression.Lambda<Func<CheckResult, object>>(Expression.Convert(call, typeof(object)), result).Compile();
    }

    /// <summary>(measurement, tags JSON, stored fields) of an encoded row.</summary>
    public static (string Measurement, string Tags, byte[] Fields) RowText(object record)
    {
        var type = record.GetType();
        object Get(string name) => type.GetProperty(name)!.GetValue(record)!;
        return ((string)Get("Measurement"), (string)Get("TagsJson"), (byte[])Get("Fields"));
    }

    /// <summary>A row's stored fields decoded into typed values (StoredFields, as the store hands them out).</summary>
    public static List<KeyValuePair<string, object>> DecodedFields(byte[] fields) =>
        [.. (IReadOnlyList<KeyValuePair<string, object>>)Activator.CreateInstance(Probe.GetType("Probe.Storage.Rows.StoredFields", true)!, fields)!];

    /// <summary>RowDecoder.DecodeTags: a series' tags JSON to its tag list.</summary>
    public static Func<string, IReadOnlyList<KeyValuePair<string, string>>> TagDecoder() =>
        Probe.GetType("Probe.Storage.Rows.RowDecoder", true)!
            .GetMethod("DecodeTags")!.CreateDelegate<Func<string, IReadOnlyList<KeyValuePair<string, string>>>>();

    /// <summary>
    /// A stored row of the series (measurement, tags JSON) back to its point (RowDecoder, synced clock) and into line
    /// protocol (LineProtocol.Write into a reused pooled buffer), as the upload does; returns the bytes written.
    /// </summary>
    public static Func<byte[], long, int> RowWriter(string measurement, string tagsJson)
    {
        var decoder = Probe.GetType("Probe.Storage.Rows.RowDecoder", true)!;
        var rowClock = Probe.GetType("Probe.Storage.Rows.RowClock", true)!;
        var tags = decoder.GetMethod("TagsOf")!.Invoke(null, [measurement, TagDecoder()(tagsJson), Enum.ToObject(rowClock, 0)])!;
        var (buffer, write) = LineWriter();
        var fields = Expression.Parameter(typeof(byte[]));
        var timestamp = Expression.Parameter(typeof(long));
        var point = Expression.Call(decoder.GetMethod("Decode")!, Expression.Constant(tags), fields, timestamp);
        var body = Expression.Block(
            Expression.Call(buffer, buffer.Type.GetMethod("Clear")!),
            Expression.Call(write, buffer, point),
            Expression.Property(buffer, "Length"));
        return Expression.Lambda<Func<byte[], long, int>>(body, fields, timestamp).Compile();
    }

    /// <summary>LineProtocol.Write of an already decoded point into a reused pooled buffer; returns the bytes written.</summary>
    public static Func<ProbePoint, int> PointWriter()
    {
        var (buffer, write) = LineWriter();
        var point = Expression.Parameter(typeof(ProbePoint));
        var body = Expression.Block(
            Expression.Call(buffer, buffer.Type.GetMethod("Clear")!),
            Expression.Call(write, buffer, point),
            Expression.Property(buffer, "Length"));
        return Expression.Lambda<Func<ProbePoint, int>>(body, point).Compile();
    }

    // A reused LineBuffer and LineProtocol.Write(LineBuffer, ProbePoint).
    private static (ConstantExpression Buffer, MethodInfo Write) LineWriter()
    {
        var bufferType = Probe.GetType("Probe.Upload.LineBuffer", true)!;
        var buffer = Expression.Constant(Activator.CreateInstance(bufferType, 4096)!);
        return (buffer, Probe.GetType("Probe.Upload.LineProtocol", true)!.GetMethod("Write")!);
    }
}
