using Probe.Tests.Fixtures;
using Probe.Upload;

namespace Probe.Tests.Upload;

/// <summary>The influx2 sink against a real VictoriaMetrics (v2 write API), verified by reading back, never by the 204 alone.</summary>
[Category("Integration")]
public sealed class Influx2VictoriaMetricsTests
{
    [Test]
    public async Task DrainOnceAsync_Backlog_StoreHoldsExactlyWhatExportPrinted()
    {
        using var vm = await VictoriaMetricsServer.StartAsync();
        var store = new InMemoryResultStore();
        store.Add(TestPoints.Backlog(300, TestPoints.RecentStartMs()));
        var exported = LineProtocolParser.ParseAll(await StoreReadBack.ExportLineProtocolAsync(store));

        var result = await TestSinks.Worker(store, TestSinks.Create(TestSinks.Influx2(vm.Url)), batchSize: 100).DrainOnceAsync(CancellationToken.None);

        Assert.That(result, Is.EqualTo(new DrainResult(304, 0, 0, null)));
        var held = StoreReadBack.HeldByVictoriaMetrics(await vm.ExportAsync(), StoreReadBack.StringFieldSeries(exported));
        Assert.That(held, Is.EqualTo(StoreReadBack.ExpectedInVictoriaMetrics(exported)));
    }

    [Test]
    public async Task ExportedLineProtocol_PlainPostToV2Write_LoadsEveryPoint()
    {
        using var vm = await VictoriaMetricsServer.StartAsync();
        var store = new InMemoryResultStore();
        store.Add(TestPoints.Backlog(100, TestPoints.RecentStartMs()));
        var lineProtocol = await StoreReadBack.ExportLineProtocolAsync(store);
        var exported = LineProtocolParser.ParseAll(lineProtocol);

        var status = await vm.PostLineProtocolAsync(lineProtocol);

        Assert.That(status, Is.EqualTo(204));
        var held = StoreReadBack.HeldByVictoriaMetrics(await vm.ExportAsync(), StoreReadBack.StringFieldSeries(exported));
        Assert.That(held, Is.EqualTo(StoreReadBack.ExpectedInVictoriaMetrics(exported)));
    }

    [Test]
    public async Task DrainOnceAsync_StoreDownWhileResultsAccumulateThenUp_EverythingArrivesNothingTwice()
    {
        var port = LoopbackServerProcess.FreePort();
        var store = new InMemoryResultStore();
        var start = TestPoints.RecentStartMs();
        store.Add(TestPoints.Checks(700, start));
        var worker = TestSinks.Worker(store, TestSinks.Create(TestSinks.Influx2(new Uri($"http://127.0.0.1:{port}"))), batchSize: 250);

        var whileDown = await worker.DrainOnceAsync(CancellationToken.None);
        store.Add(TestPoints.Checks(300, start + 700_000));
        using var vm = await VictoriaMetricsServer.StartAsync(port);
        var whenUp = await worker.DrainOnceAsync(CancellationToken.None);
        var afterwards = await worker.DrainOnceAsync(CancellationToken.None);

        Assert.That(whileDown.Sent, Is.Zero);
        Assert.That(whileDown.StoppedBy?.Kind, Is.EqualTo(SinkOutcomeKind.Unavailable));
        Assert.That(whileDown.Left, Is.EqualTo(700));
        Assert.That(whenUp, Is.EqualTo(new DrainResult(1000, 0, 0, null)));
        Assert.That(afterwards.Sent, Is.Zero);
        Assert.That(store.MaxDeliveriesOfOneRow, Is.EqualTo(1));
        var exported = LineProtocolParser.ParseAll(await StoreReadBack.ExportLineProtocolAsync(store));
        var held = StoreReadBack.HeldByVictoriaMetrics(await vm.ExportAsync(), StoreReadBack.StringFieldSeries(exported));
        Assert.That(held, Is.EqualTo(StoreReadBack.ExpectedInVictoriaMetrics(exported)));
        // Dedup would hide a resent batch in the read-back; VM's own counter of received rows would not.
        Assert.That(await vm.SelfMetricAsync("vm_rows_inserted_total"), Is.EqualTo(exported.Sum(p => p.Fields.Count)));
    }

    [Test]
    public async Task DrainOnceAsync_WrongToken_RefusedWithClearErrorNothingDeleted()
    {
        using var vm = await VictoriaMetricsServer.StartAsync(null, "-httpAuth.username=probe", "-httpAuth.password=right");
        var store = new InMemoryResultStore();
        store.Add(TestPoints.Checks(20, TestPoints.RecentStartMs()));
        var logger = new RecordingLogger<UploadWorker>();
        var worker = new UploadWorker(store, TestSinks.Create(TestSinks.Influx2(vm.Url, token: "wrong-secret-token")),
            Microsoft.Extensions.Options.Options.Create(new Probe.Configuration.ProbeOptions()), logger);

        var result = await worker.DrainOnceAsync(CancellationToken.None);

        Assert.That(result.StoppedBy?.Kind, Is.EqualTo(SinkOutcomeKind.Refused));
        Assert.That(result.StoppedBy?.StatusCode, Is.EqualTo(401));
        Assert.That(result.Left, Is.EqualTo(20));
        Assert.That(store.DeliveredIds, Is.Empty);
        Assert.That(store.SetAsideRows, Is.Empty);
        Assert.That(logger.Entries, Has.Some.Matches<(Microsoft.Extensions.Logging.LogLevel Level, int EventId, string Message)>(
            e => e.EventId == 1702 && e.Level == Microsoft.Extensions.Logging.LogLevel.Error && e.Message.Contains("401", StringComparison.Ordinal)));
        Assert.That(logger.Entries.Select(e => e.Message), Has.None.Contains("wrong-secret-token"));
    }
}
