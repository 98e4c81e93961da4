using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Probe.Configuration;
using Probe.Upload;

namespace Probe.Tests.Upload;

/// <summary>Real sinks (through SinkFactory, so with the Polly pipeline) aimed at loopback servers, with test-sized delays.</summary>
internal static class TestSinks
{
    public static readonly UploadResilience Fast = new()
    {
        AttemptTimeout = TimeSpan.FromSeconds(10),
        MaxRetryAttempts = 2,
        RetryBaseDelay = TimeSpan.FromMilliseconds(10),
        RetryMaxDelay = TimeSpan.FromMilliseconds(50),
        BreakerMinimumThroughput = 100,
    };

    public static SinkOptions Influx2(Uri url, string? token = null) =>
        new() { Kind = "influx2", Url = url.ToString(), Org = "probe", Bucket = "probe", Token = token };

    public static SinkOptions Influx1(Uri url, string? token = null) =>
        new() { Kind = "influx1", Url = url.ToString(), Database = "probe", Token = token };

    public static ISink Create(SinkOptions options, UploadResilience? resilience = null) =>
        SinkFactory.Create(options, TimeProvider.System, NullLogger.Instance, resilience ?? Fast);

    public static UploadWorker Worker(InMemoryResultStore store, ISink sink, int batchSize = 5000) =>
        new(store, sink, Options.Create(new ProbeOptions { Sink = { BatchSize = batchSize } }), NullLogger<UploadWorker>.Instance);
}
