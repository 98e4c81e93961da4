using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Probe.Configuration;
using Probe.Storage;
using Probe.Upload;

namespace Probe.Tests.Upload;

public sealed class UploadServiceCollectionExtensionsTests
{
    private static ServiceProvider CreateSut(SinkOptions sink, bool daemon = false)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IResultStore>(new InMemoryResultStore());
        services.Configure<ProbeOptions>(o => o.Sink = sink);
        _ = daemon ? services.AddUploadWorker() : services.AddUpload();
        return services.BuildServiceProvider();
    }

    [TestCase("influx2", typeof(ResilientSink))]
    [TestCase("influx1", typeof(ResilientSink))]
    [TestCase("none", typeof(NoneSink))]
    public void AddUpload_SinkKind_ResolvesThatSink(string kind, Type expected)
    {
        using var provider = CreateSut(new SinkOptions { Kind = kind, Url = "http://127.0.0.1:1", Org = "o", Bucket = "b", Database = "d" });

        Assert.That(provider.GetRequiredService<ISink>(), Is.TypeOf(expected));
        Assert.That(provider.GetRequiredService<UploadWorker>(), Is.Not.Null);
        Assert.That(provider.GetRequiredService<Exporter>(), Is.Not.Null);
        Assert.That(provider.GetServices<IHostedService>(), Is.Empty, "the daemon loop only with AddUploadWorker");
    }

    [Test]
    public void AddUpload_UnknownKind_FailsNamingTheKey()
    {
        using var provider = CreateSut(new SinkOptions { Kind = "graphite" });

        Assert.That(() => provider.GetRequiredService<ISink>(),
            Throws.InvalidOperationException.With.Message.Contains("Sink.Kind 'graphite'"));
    }

    [Test]
    public void AddUpload_Influx2WithoutBucket_FailsNamingTheKey()
    {
        using var provider = CreateSut(new SinkOptions { Kind = "influx2", Url = "http://127.0.0.1:1", Org = "o" });

        Assert.That(() => provider.GetRequiredService<ISink>(), Throws.InvalidOperationException.With.Message.Contains("Sink.Bucket"));
    }

    [Test]
    public void AddUploadWorker_RegistersTheDaemonLoop()
    {
        using var provider = CreateSut(new SinkOptions { Kind = "none" }, daemon: true);

        Assert.That(provider.GetServices<IHostedService>().Single(), Is.TypeOf<UploadBackgroundService>());
    }

    [Test]
    [Category("Integration")]
    public async Task AddUpload_TokenFile_SentAsTokenHeaderAndPreferredOverToken()
    {
        using var server = new StubStoreServer(_ => StubAnswer.NoContent);
        var tokenFile = Path.GetTempFileName();
        await File.WriteAllTextAsync(tokenFile, "from-file-token\n");
        try
        {
            using var provider = CreateSut(new SinkOptions
            {
                Kind = "influx1", Url = server.Url.ToString(), Database = "probe", TokenFile = tokenFile, Token = "from-env-token",
            });

            var outcome = await provider.GetRequiredService<ISink>().WriteAsync(TestPoints.Checks(1, 1_795_000_000_000), CancellationToken.None);

            Assert.That(outcome.Kind, Is.EqualTo(SinkOutcomeKind.Delivered));
            Assert.That(server.Authorizations.Single(), Is.EqualTo("Token from-file-token"));
            Assert.That(server.Requests.Single().Path, Is.EqualTo("/write?db=probe&precision=ms"));
        }
        finally
        {
            File.Delete(tokenFile);
        }
    }

    [Test]
    [Category("Integration")]
    public async Task AddUpload_Influx2_WritesMsPrecisionToV2Api()
    {
        using var server = new StubStoreServer(_ => StubAnswer.NoContent);
        using var provider = CreateSut(new SinkOptions { Kind = "influx2", Url = server.Url.ToString(), Org = "probe", Bucket = "shutdowns", Token = "t0k" });

        await provider.GetRequiredService<ISink>().WriteAsync(TestPoints.Checks(1, 1_795_000_000_000), CancellationToken.None);

        Assert.That(server.Requests.Single().Path, Does.StartWith("/api/v2/write").And.Contain("precision=ms").And.Contain("bucket=shutdowns"));
        Assert.That(server.Authorizations.Single(), Is.EqualTo("Token t0k"));
    }
}
