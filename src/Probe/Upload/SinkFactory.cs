using Microsoft.Extensions.Logging;

namespace Probe.Upload;

/// <summary>Builds the configured sink (Sink.Kind) wrapped in the resilience pipeline.</summary>
internal static class SinkFactory
{
    public static ISink Create(SinkOptions sink, TimeProvider time, ILogger logger, UploadResilience? resilience = null, Budget.TrafficMeter? meter = null)
    {
        resilience ??= new UploadResilience { AttemptTimeout = sink.RequestTimeout };
        ISink inner = sink.Kind switch
        {
            SinkKinds.Influx2 => InfluxSink.V2(
                Required(sink.Url, "Url"), Required(sink.Org, "Org"), Required(sink.Bucket, "Bucket"),
                SinkToken.Read(sink, logger), time, meter),
            SinkKinds.Influx1 => InfluxSink.V1(
                Required(sink.Url, "Url"), Required(sink.Database ?? sink.Bucket, "Database"), SinkToken.Read(sink, logger), time, meter),
            SinkKinds.None => new NoneSink(),
            _ => throw new InvalidOperationException($"Sink.Kind '{sink.Kind}' is not one of {string.Join(", ", SinkKinds.All)}"),
        };
        return inner.Enabled ? new ResilientSink(inner, resilience, time, logger) : inner;
    }

    private static string Required(string? value, string key) =>
        string.IsNullOrWhiteSpace(value)
            ? throw new InvalidOperationException($"Sink.{key} is required for this Sink.Kind")
            : value;
}
