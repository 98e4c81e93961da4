using Probe.Checks;
using Probe.Clock;
using Probe.Storage.Rows;
using Probe.Storage.Schema;
using Probe.Storage.Store;
using Probe.Storage;
using Probe.Targets;
using Probe.Verdicts;

namespace Probe.Tests.Storage;

public sealed class SqliteResultStoreTests : StoreTestBase
{
    [Test]
    public async Task AppendResults_EveryField_ReadBackAsSchemaPoint()
    {
        using var sut = CreateSut();
        var clock = Fixture.Clock.Read();
        var result = new CheckResult
        {
            Target = "whatsapp-web",
            Group = TargetGroup.Platform,
            Platform = "whatsapp",
            Kind = CheckKind.Http,
            Host = "web.whatsapp.com",
            Resolver = "system",
            QueryType = "A",
            Address = "127.3.0.5",
            Port = 443,
            Ok = false,
            Failure = Failures.HttpUnexpectedStatusCode,
            Ms = 99.5,
            Rcode = "NOERROR",
            Answers = ["127.3.0.5", "127.3.0.6"],
            Status = 451,
            Bytes = 1234,
            Phases = new Phases(Dns: 1.5, Connect: 2.5, Tls: 3.5, Ttfb: 4.5, Total: 99.5),
            Lane = Lane.Sentinel,
            Clock = clock,
        };

        await sut.AppendResultsAsync([result], CancellationToken.None);
        var point = (await sut.ReadPendingAsync(10, CancellationToken.None)).Single().Point;

        Assert.Multiple(() =>
        {
            Assert.That(point.Measurement, Is.EqualTo("probe_check"));
            Assert.That(point.TimestampMs, Is.EqualTo(clock.Wall.ToUnixTimeMilliseconds()));
            Assert.That(point.Tags, Is.EqualTo(new KeyValuePair<string, string>[]
            {
                new("access", "fixed"), new("asn", "8346"), new("clock", "synced"), new("failure", "http_unexpected_status_code"),
                new("group", "platform"), new("isp", "Sonatel"), new("kind", "http"), new("lane", "sentinel"),
                new("platform", "whatsapp"), new("port", "443"), new("probe", "dakar-plateau-01"), new("qtype", "A"),
                new("region", "Dakar"), new("resolver", "system"), new("target", "whatsapp-web"),
            }));
            Assert.That(point.Fields.ToDictionary(f => f.Key, f => f.Value), Is.EqualTo(new Dictionary<string, object>
            {
                ["ok"] = false, ["total_ms"] = 99.5, ["dns_ms"] = 1.5, ["connect_ms"] = 2.5, ["tls_ms"] = 3.5, ["ttfb_ms"] = 4.5,
                ["status"] = 451L, ["rcode"] = "NOERROR", ["answers"] = "127.3.0.5,127.3.0.6", ["address"] = "127.3.0.5", ["bytes"] = 1234L,
            }));
            Assert.That(point.Field("total_ms"), Is.TypeOf<double>());
            Assert.That(point.Field("status"), Is.TypeOf<long>());
        });
    }

    [Test]
    public async Task AppendResults_GatewayWithoutOptionalValues_EmptyTagsAndFieldsOmitted()
    {
        Fixture.Options.Isp = null;
        using var sut = CreateSut();
        var gateway = new CheckResult { Target = "gateway", Kind = CheckKind.Gateway, Host = "192.168.1.1", Ok = true, Ms = 3, Clock = Fixture.Clock.Read() };

        await sut.AppendResultsAsync([gateway], CancellationToken.None);
        var point = (await sut.ReadPendingAsync(10, CancellationToken.None)).Single().Point;

        Assert.Multiple(() =>
        {
            Assert.That(point.Tags.Select(t => t.Key), Is.EqualTo(new[] { "access", "asn", "clock", "kind", "lane", "probe", "region", "target" }));
            Assert.That(point.Fields.Select(f => f.Key), Is.EqualTo(new[] { "ok", "total_ms" }));
            Assert.That(point.Field("total_ms"), Is.EqualTo(3.0).And.TypeOf<double>());
        });
    }

    [Test]
    public async Task AppendVerdict_StateChange_ReadBackWithFindingsJson()
    {
        using var sut = CreateSut();
        var verdict = new Verdict(VerdictState.PlatformBlock, [new Finding(VerdictState.PlatformBlock, "tiktok", ["tiktok", "tiktok-cdn"], Failures.ConnectionReset, "tls")]);

        await sut.AppendVerdictAsync(new VerdictChange(verdict, VerdictState.Online, Fixture.Clock.Read()), CancellationToken.None);
        var point = (await sut.ReadPendingAsync(10, CancellationToken.None)).Single().Point;

        Assert.Multiple(() =>
        {
            Assert.That(point.Measurement, Is.EqualTo("probe_verdict"));
            Assert.That(point.Tags.Select(t => t.Key), Is.EqualTo(new[] { "access", "asn", "clock", "isp", "probe", "region" }));
            Assert.That(point.Field("state"), Is.EqualTo("platform_block"));
            Assert.That(point.Field("previous"), Is.EqualTo("online"));
            Assert.That(point.Field("findings"), Is.EqualTo(
                """[{"state":"platform_block","platform":"tiktok","targets":["tiktok","tiktok-cdn"],"failure":"connection_reset","kind":"tls","resolver":null}]"""));
        });
    }

    [Test]
    public async Task AppendHealth_Sample_ReadBackWithTypedFields()
    {
        using var sut = CreateSut();
        var sample = new HealthSample(Fixture.Clock.Read(), 10, 4096, 2, 1.5, 50_000_000, 12.25, 3600);

        await sut.AppendHealthAsync(sample, CancellationToken.None);
        var point = (await sut.ReadPendingAsync(10, CancellationToken.None)).Single().Point;

        Assert.That(point.Fields.ToDictionary(f => f.Key, f => f.Value), Is.EqualTo(new Dictionary<string, object>
        {
            ["buffer_rows"] = 10L, ["buffer_bytes"] = 4096L, ["dropped_total"] = 2L, ["upload_lag_s"] = 1.5,
            ["rss_bytes"] = 50_000_000L, ["cpu_seconds"] = 12.25, ["uptime_s"] = 3600.0, ["clock_synced"] = true,
        }));
    }

    [Test]
    public async Task ReadPending_ResultsAndLaterVerdict_VerdictFirstThenOldest()
    {
        using var sut = CreateSut();
        await sut.AppendResultsAsync([StoreFixture.Check("a", Fixture.Clock.Read())], CancellationToken.None);
        await sut.AppendResultsAsync([StoreFixture.Check("b", Fixture.Clock.Advance(1000))], CancellationToken.None);
        await sut.AppendVerdictAsync(new VerdictChange(Verdict.Unknown, VerdictState.Online, Fixture.Clock.Advance(1000)), CancellationToken.None);
        await sut.AppendResultsAsync([StoreFixture.Check("c", Fixture.Clock.Advance(1000))], CancellationToken.None);

        var pending = await sut.ReadPendingAsync(10, CancellationToken.None);

        Assert.That(pending.Select(p => p.Point.Measurement == "probe_verdict" ? "verdict" : p.Point.Tag("target")), Is.EqualTo(new[] { "verdict", "a", "b", "c" }));
    }

    [Test]
    public async Task ReadPending_RowsInFlight_SteppedOverAndNotCounted()
    {
        using var sut = CreateSut();
        await sut.AppendResultsAsync([.. Enumerable.Range(0, 7).Select(i => StoreFixture.Check("t" + i, Fixture.Clock.Read()))], CancellationToken.None);
        await sut.AppendVerdictAsync(new VerdictChange(Verdict.Unknown, VerdictState.Online, Fixture.Clock.Advance(1000)), CancellationToken.None);
        var inFlight = await sut.ReadPendingAsync(3, CancellationToken.None);

        var next = await sut.ReadPendingAsync(3, inFlight.Select(p => p.Id).ToHashSet(), CancellationToken.None);
        var rest = await sut.ReadPendingAsync(10, inFlight.Concat(next).Select(p => p.Id).ToHashSet(), CancellationToken.None);

        Assert.That(inFlight.Select(Name), Is.EqualTo(new[] { "verdict", "t0", "t1" }));
        Assert.That(next.Select(Name), Is.EqualTo(new[] { "t2", "t3", "t4" }));
        Assert.That(rest.Select(Name), Is.EqualTo(new[] { "t5", "t6" }));
        Assert.That(await sut.ReadPendingAsync(10, CancellationToken.None), Has.Count.EqualTo(8), "still pending: nothing was marked");

        static string Name(PendingPoint p) => p.Point.Measurement == "probe_verdict" ? "verdict" : p.Point.Tag("target");
    }

    [Test]
    public async Task ReadPending_RowsInFlightReadByAnotherStoreInstance_SteppedOver()
    {
        IReadOnlyList<PendingPoint> inFlight;
        using (var first = CreateSut())
        {
            await first.AppendResultsAsync([.. Enumerable.Range(0, 6).Select(i => StoreFixture.Check("t" + i, Fixture.Clock.Read()))], CancellationToken.None);
            inFlight = await first.ReadPendingAsync(3, CancellationToken.None);
        }

        // The reopened store has no cursor of what was handed out: it must step over the rows in flight instead.
        using var sut = CreateSut();
        var next = await sut.ReadPendingAsync(10, inFlight.Select(p => p.Id).ToHashSet(), CancellationToken.None);

        Assert.That(next.Select(p => p.Point.Tag("target")), Is.EqualTo(new[] { "t3", "t4", "t5" }));
    }

    [Test]
    public async Task MarkDelivered_SomeRows_NotReturnedAgainAndCounted()
    {
        using var sut = CreateSut();
        await sut.AppendResultsAsync([.. Enumerable.Range(0, 5).Select(i => StoreFixture.Check("t" + i, Fixture.Clock.Read()))], CancellationToken.None);
        var first = await sut.ReadPendingAsync(3, CancellationToken.None);

        await sut.MarkDeliveredAsync([.. first.Select(p => p.Id)], CancellationToken.None);
        await sut.MarkDeliveredAsync([first[0].Id], CancellationToken.None);
        var rest = await sut.ReadPendingAsync(10, CancellationToken.None);
        var status = await sut.GetStatusAsync(CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(rest.Select(p => p.Point.Tag("target")), Is.EqualTo(new[] { "t3", "t4" }));
            Assert.That(status.Rows, Is.EqualTo(5));
            Assert.That(status.PendingRows, Is.EqualTo(2));
            Assert.That(status.DeliveredTotal, Is.EqualTo(3));
            Assert.That(status.LastUploadAt, Is.EqualTo(Fixture.Time.GetUtcNow()));
        });
    }

    [Test]
    public async Task SetAside_PoisonRow_NeverReturnedAgainKeptAndCounted()
    {
        using var sut = CreateSut();
        await sut.AppendResultsAsync([StoreFixture.Check("good", Fixture.Clock.Read()), StoreFixture.Check("poison", Fixture.Clock.Read())], CancellationToken.None);
        var poison = (await sut.ReadPendingAsync(10, CancellationToken.None)).Single(p => p.Point.Tag("target") == "poison");

        await sut.SetAsideAsync([poison.Id], "400 bad field", CancellationToken.None);
        var pending = await sut.ReadPendingAsync(10, CancellationToken.None);
        var status = await sut.GetStatusAsync(CancellationToken.None);

        Assert.Multiple(async () =>
        {
            Assert.That(pending.Select(p => p.Point.Tag("target")), Is.EqualTo(new[] { "good" }));
            Assert.That(status.SetAsideTotal, Is.EqualTo(1));
            Assert.That((await sut.AllAsync()).Select(p => p.Point.Tag("target")), Does.Contain("poison"));
        });
    }

    [Test]
    public async Task AppendResults_SameSeriesSameMillisecond_LaterMovedByOneMillisecond()
    {
        using var sut = CreateSut();
        var clock = Fixture.Clock.Read();
        var ms = clock.Wall.ToUnixTimeMilliseconds();

        await sut.AppendResultsAsync([StoreFixture.Check("a", clock), StoreFixture.Check("a", clock), StoreFixture.Check("b", clock)], CancellationToken.None);
        await sut.AppendResultsAsync([StoreFixture.Check("a", clock), StoreFixture.Check("a", clock, port: 80)], CancellationToken.None);
        var points = (await sut.ReadPendingAsync(10, CancellationToken.None)).Select(p => p.Point).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(points.Where(p => p.Tag("target") == "a" && p.Tag("port") == "443").Select(p => p.TimestampMs), Is.EqualTo(new[] { ms, ms + 1, ms + 2 }));
            Assert.That(points.Single(p => p.Tag("target") == "b").TimestampMs, Is.EqualTo(ms));
            Assert.That(points.Single(p => p.Tag("port") == "80").TimestampMs, Is.EqualTo(ms));
        });
    }

    [Test]
    public async Task ReadPoints_SinceAndPendingOnly_FilterAndKeepOrder()
    {
        using var sut = CreateSut();
        for (var i = 0; i < 12_000; i += 1000)
        {
            await sut.AppendResultsAsync([.. Enumerable.Range(i, 1000).Select(n => StoreFixture.Check("t" + n, Fixture.Clock.Advance(1)))], CancellationToken.None);
        }

        var delivered = await sut.ReadPendingAsync(100, CancellationToken.None);
        await sut.MarkDeliveredAsync([.. delivered.Select(p => p.Id)], CancellationToken.None);
        var since = StoreFixture.TrueTime.AddMilliseconds(11_001);

        var all = await sut.AllAsync();
        var pending = await sut.AllAsync(pendingOnly: true);
        var recent = new List<PendingPoint>();
        await foreach (var point in sut.ReadPointsAsync(since, false, CancellationToken.None))
        {
            recent.Add(point);
        }

        Assert.Multiple(() =>
        {
            Assert.That(all, Has.Count.EqualTo(12_000));
            Assert.That(all.Select(p => p.Id), Is.Ordered.Ascending);
            Assert.That(pending, Has.Count.EqualTo(11_900));
            Assert.That(recent.Select(p => p.Point.TimestampMs), Is.All.GreaterThanOrEqualTo(since.ToUnixTimeMilliseconds()));
            Assert.That(recent, Has.Count.EqualTo(1000));
        });
    }

    [Test]
    public async Task Reopen_AfterDispose_RowsAndCountersKeptIdsNeverReused()
    {
        long firstId;
        using (var sut = CreateSut())
        {
            await sut.AppendResultsAsync([StoreFixture.Check("a", Fixture.Clock.Read())], CancellationToken.None);
            var pending = await sut.ReadPendingAsync(1, CancellationToken.None);
            firstId = pending[0].Id;
            await sut.MarkDeliveredAsync([firstId], CancellationToken.None);
        }

        using var reopened = CreateSut();
        await reopened.AppendResultsAsync([StoreFixture.Check("b", Fixture.Clock.Advance(5))], CancellationToken.None);
        var next = (await reopened.ReadPendingAsync(10, CancellationToken.None)).Single();
        var status = await reopened.GetStatusAsync(CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(next.Id, Is.GreaterThan(firstId));
            Assert.That(status.DeliveredTotal, Is.EqualTo(1));
            Assert.That(status.Rows, Is.EqualTo(2));
        });
    }

    [Test]
    public async Task GetStatus_AfterVerdict_ReportsLastVerdictAndOldestPending()
    {
        using var sut = CreateSut();
        var first = Fixture.Clock.Read();
        await sut.AppendResultsAsync([StoreFixture.Check("a", first)], CancellationToken.None);
        var change = Fixture.Clock.Advance(60_000);
        await sut.AppendVerdictAsync(new VerdictChange(new Verdict(VerdictState.InternationalCut, []), VerdictState.Online, change), CancellationToken.None);

        var status = await sut.GetStatusAsync(CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(status.LastVerdict, Is.EqualTo("international_cut"));
            Assert.That(status.LastVerdictAt, Is.EqualTo(change.Wall));
            Assert.That(status.OldestPending, Is.EqualTo(first.Wall));
            Assert.That(status.Bytes, Is.GreaterThan(0));
        });
    }
}
