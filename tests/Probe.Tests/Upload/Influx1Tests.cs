using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Probe.Configuration;
using Probe.Tests.Fixtures;
using Probe.Upload;

namespace Probe.Tests.Upload;

/// <summary>The influx1 sink against a real influxd 1.x: read back with InfluxQL, every field including strings.</summary>
[Category("Integration")]
public sealed class Influx1Tests
{
    private const string AllPoints = "SELECT * FROM /probe_.*/ GROUP BY *";

    [Test]
    public async Task DrainOnceAsync_Backlog_StoreHoldsExactlyWhatExportPrinted()
    {
        using var influx = await InfluxDb1Server.StartAsync();
        var store = new InMemoryResultStore();
        store.Add(TestPoints.Backlog(300, TestPoints.RecentStartMs()));
        var exported = LineProtocolParser.ParseAll(await StoreReadBack.ExportLineProtocolAsync(store));

        var result = await TestSinks.Worker(store, TestSinks.Create(TestSinks.Influx1(influx.Url)), batchSize: 100).DrainOnceAsync(CancellationToken.None);

        Assert.That(result, Is.EqualTo(new DrainResult(304, 0, 0, null)));
        Assert.That(StoreReadBack.HeldByInflux(await influx.QueryAsync(AllPoints)), Is.EqualTo(StoreReadBack.ExpectedInInflux(exported)));
        var types = (await influx.QueryAsync("SHOW FIELD KEYS FROM probe_check")).Single().Values
            .ToDictionary(r => r[0].GetString()!, r => r[1].GetString());
        Assert.That(types, Does.Contain(new KeyValuePair<string, string?>("ok", "boolean"))
            .And.Contain(new KeyValuePair<string, string?>("status", "integer"))
            .And.Contain(new KeyValuePair<string, string?>("total_ms", "float"))
            .And.Contain(new KeyValuePair<string, string?>("rcode", "string")));
    }

    [Test]
    public async Task ExportedLineProtocol_PlainPostToV1Write_LoadsWhatTheSinkUploads()
    {
        using var influx = await InfluxDb1Server.StartAsync();
        await influx.ExecuteAsync("CREATE DATABASE imported");
        var store = new InMemoryResultStore();
        store.Add(TestPoints.Backlog(100, TestPoints.RecentStartMs()));
        var lineProtocol = await StoreReadBack.ExportLineProtocolAsync(store);

        var (status, body) = await influx.PostLineProtocolAsync(lineProtocol, "imported");
        await TestSinks.Worker(store, TestSinks.Create(TestSinks.Influx1(influx.Url))).DrainOnceAsync(CancellationToken.None);

        Assert.That(status, Is.EqualTo(204), body);
        var imported = StoreReadBack.HeldByInflux(await influx.QueryAsync(AllPoints, "imported"));
        Assert.That(imported, Has.Count.EqualTo(104));
        Assert.That(imported, Is.EqualTo(StoreReadBack.HeldByInflux(await influx.QueryAsync(AllPoints))));
    }

    [Test]
    public async Task DrainOnceAsync_OnePoisonPointInBatchOf5000_Other4999Land()
    {
        using var influx = await InfluxDb1Server.StartAsync();
        var start = TestPoints.RecentStartMs();
        // The store already knows status as an integer (as any store with history does): a string status is a type conflict.
        var (seeded, _) = await influx.PostLineProtocolAsync($"probe_check,probe=seed status=200i {start - 1000}\n");
        var points = TestPoints.Checks(5000, start);
        var poison = points[2345] with { Fields = [new("ok", true), new("status", "teapot")] };
        points[2345] = poison;
        var store = new InMemoryResultStore();
        store.Add(points);
        var writesBefore = (await influx.HttpStatsAsync())["writeReq"];

        var result = await TestSinks.Worker(store, TestSinks.Create(TestSinks.Influx1(influx.Url))).DrainOnceAsync(CancellationToken.None);

        Assert.That(seeded, Is.EqualTo(204));
        Assert.That(result, Is.EqualTo(new DrainResult(4999, 1, 0, null)));
        Assert.That(store.SetAsideRows.Single().Reason, Does.Contain("400").And.Contain("field type conflict"));
        var count = await influx.QueryAsync("SELECT COUNT(total_ms) FROM probe_check WHERE probe = 'dakar-plateau-01'");
        Assert.That(count.Single().Cell(0, "count").GetInt64(), Is.EqualTo(4999));
        var poisonRow = await influx.QueryAsync($"SELECT * FROM probe_check WHERE time = {poison.TimestampMs}ms");
        Assert.That(poisonRow, Is.Empty);
        var writes = (await influx.HttpStatsAsync())["writeReq"] - writesBefore;
        Assert.That(writes, Is.LessThanOrEqualTo(2 * 13 + 1), "a binary split, not one request per point");
    }

    [Test]
    public async Task DrainOnceAsync_BadToken_ClearErrorNothingDeletedOneRequestPerDrain()
    {
        using var influx = await InfluxDb1Server.StartAsync(adminPassword: "admin-pass");
        var store = new InMemoryResultStore();
        store.Add(TestPoints.Checks(50, TestPoints.RecentStartMs()));
        var logger = new RecordingLogger<UploadWorker>();
        var worker = new UploadWorker(store, TestSinks.Create(TestSinks.Influx1(influx.Url, token: "not-the-token")),
            Options.Create(new ProbeOptions { Sink = { BatchSize = 10 } }), logger);

        var first = await worker.DrainOnceAsync(CancellationToken.None);
        var failsAfterFirst = (await influx.HttpStatsAsync())["authFail"];
        var second = await worker.DrainOnceAsync(CancellationToken.None);
        var failsAfterSecond = (await influx.HttpStatsAsync())["authFail"];

        Assert.That(first.StoppedBy?.Kind, Is.EqualTo(SinkOutcomeKind.Refused));
        Assert.That(first.StoppedBy?.StatusCode, Is.EqualTo(401));
        Assert.That(second.Left, Is.EqualTo(50));
        Assert.That(store.DeliveredIds, Is.Empty);
        Assert.That(store.SetAsideRows, Is.Empty);
        Assert.That((failsAfterFirst, failsAfterSecond), Is.EqualTo((1L, 2L)), "one request per drain: no retry of a refusal");
        var error = logger.Entries.First(e => e.EventId == 1702);
        Assert.That(error.Level, Is.EqualTo(LogLevel.Error));
        Assert.That(error.Message, Does.Contain("401").And.Contain("Sink.Token"));
        Assert.That(logger.Entries.Select(e => e.Message), Has.None.Contains("not-the-token"));
    }

    [Test]
    public async Task DrainOnceAsync_StoreDownWhileResultsAccumulateThenUp_EverythingArrivesNothingTwice()
    {
        var port = LoopbackServerProcess.FreePort();
        var start = TestPoints.RecentStartMs();
        var store = new InMemoryResultStore();
        store.Add(TestPoints.Backlog(600, start));
        var worker = TestSinks.Worker(store, TestSinks.Create(TestSinks.Influx1(new Uri($"http://127.0.0.1:{port}"))), batchSize: 250);

        var whileDown = await worker.DrainOnceAsync(CancellationToken.None);
        store.Add(TestPoints.Checks(400, start + 600_000));
        using var influx = await InfluxDb1Server.StartAsync(port: port);
        var whenUp = await worker.DrainOnceAsync(CancellationToken.None);
        var afterwards = await worker.DrainOnceAsync(CancellationToken.None);

        Assert.That(whileDown.Left, Is.EqualTo(604));
        Assert.That(whileDown.StoppedBy?.Kind, Is.EqualTo(SinkOutcomeKind.Unavailable));
        Assert.That(whenUp, Is.EqualTo(new DrainResult(1004, 0, 0, null)));
        Assert.That(afterwards.Sent, Is.Zero);
        // InfluxDB would silently overwrite a resent point: its own counter shows every point was written exactly once.
        Assert.That((await influx.HttpStatsAsync())["pointsWrittenOK"], Is.EqualTo(1004));
        var exported = LineProtocolParser.ParseAll(await StoreReadBack.ExportLineProtocolAsync(store));
        Assert.That(StoreReadBack.HeldByInflux(await influx.QueryAsync(AllPoints)), Is.EqualTo(StoreReadBack.ExpectedInInflux(exported)));
    }

    [Test]
    public async Task WriteAsync_MissingDatabase_RefusedNotRetried()
    {
        using var influx = await InfluxDb1Server.StartAsync();
        var options = TestSinks.Influx1(influx.Url);
        options.Database = "nosuchdb";
        ISink sut = TestSinks.Create(options);

        var outcome = await sut.WriteAsync(TestPoints.Checks(1, TestPoints.RecentStartMs()), CancellationToken.None);

        Assert.That(outcome.Kind, Is.EqualTo(SinkOutcomeKind.Refused));
        Assert.That(outcome.StatusCode, Is.EqualTo(404));
        Assert.That(outcome.Detail, Does.Contain("database not found"));
    }
}
