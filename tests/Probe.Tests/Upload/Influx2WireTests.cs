using System.IO.Compression;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Probe.Checks;
using Probe.Configuration;
using Probe.Storage.Rows;
using Probe.Storage.Schema;
using Probe.Storage.Store;
using Probe.Tests.Storage;
using Probe.Upload;

namespace Probe.Tests.Upload;

/// <summary>What the influx2 sink puts on the wire, read by a loopback server: the v2 write request, gzipped export lines.</summary>
[Category("Integration")]
public sealed class Influx2WireTests
{
    [Test]
    public async Task DrainOnceAsync_StoredRows_PostsExactlyTheExportedLinesAsV2Writes()
    {
        using var fixture = new StoreFixture();
        using var store = fixture.CreateSut();
        var clock = fixture.Clock.Read();
        var results = Enumerable.Range(0, 12_000)
            .Select(i => StoreFixture.Check($"target-{i % 97}", clock, (CheckKind)(i % 5), port: i % 3 == 0 ? null : 443) with
            {
                Failure = i % 7 == 0 ? "unknown_failure: reset, \"peer\"\nagain" : null,
                Answers = i % 2 == 0 ? ["192.0.2.1", "2001:db8::1"] : [],
                Status = i % 4 == 0 ? 200 : null,
                Ms = i / 7.0,
            })
            .ToList();
        await store.AppendResultsAsync(results, CancellationToken.None);
        using var exported = new MemoryStream();
        await new Exporter(store).ExportAsync(exported, ExportFormat.Lp, null, pendingOnly: false, CancellationToken.None);
        using var server = new StubStoreServer(_ => StubAnswer.NoContent);
        var sink = TestSinks.Create(TestSinks.Influx2(server.Url, token: "s3cret"));
        var sut = new UploadWorker(store, sink, Options.Create(new ProbeOptions { Sink = { BatchSize = 5000 } }), NullLogger<UploadWorker>.Instance);

        var result = await sut.DrainOnceAsync(CancellationToken.None);

        Assert.That(result, Is.EqualTo(new DrainResult(12_000, 0, 0, null)));
        var requests = server.Requests;
        Assert.That(requests.Select(r => r.Path), Is.EqualTo(Enumerable.Repeat("/api/v2/write?org=probe&bucket=probe&precision=ms", 3)));
        Assert.That(server.Authorizations, Is.All.EqualTo("Token s3cret"));
        using var posted = new MemoryStream();
        for (var i = 0; i < requests.Count; i++)
        {
            var (encoding, body) = server.BodyOf(i) ?? throw new AssertionException($"request {i} has no body");
            Assert.That(encoding, Is.EqualTo("gzip"));
            using var gzip = new GZipStream(new MemoryStream(body), CompressionMode.Decompress);
            await gzip.CopyToAsync(posted);
        }

        Assert.That(posted.ToArray(), Is.EqualTo(exported.ToArray()), "probe export --format lp prints exactly the lines the upload posts");
        Assert.That(exported.Length, Is.GreaterThan(12_000 * 100));
    }
}
