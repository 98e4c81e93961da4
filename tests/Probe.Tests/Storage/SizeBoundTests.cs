using Probe.Storage.Rows;
using Probe.Storage.Schema;
using Probe.Storage.Store;
using Probe.Storage;
using Probe.Verdicts;

namespace Probe.Tests.Storage;

public sealed class SizeBoundTests : StoreTestBase
{
    [Test]
    public async Task Append_PastMaxBytes_DeliveredFirstThenOldestResultsStateChangesKeptDroppedExact()
    {
        Fixture.Options.Store.MaxBytes = 1024 * 1024;
        using var sut = CreateSut();
        var start = Fixture.Clock.Read().Wall.ToUnixTimeMilliseconds();
        await sut.AppendVerdictAsync(new VerdictChange(new Verdict(VerdictState.FullShutdown, []), VerdictState.Online, Fixture.Clock.Read()), CancellationToken.None);
        await sut.AppendHealthAsync(new HealthSample(Fixture.Clock.Read(), 1, 1, 0, 0, 1, 1, 1), CancellationToken.None);
        await AppendChecksAsync(sut, 2000);
        var history = await sut.ReadPendingAsync(5000, CancellationToken.None);
        await sut.MarkDeliveredAsync([.. history.Where(p => p.Point.Measurement == "probe_check").Select(p => p.Id)], CancellationToken.None);

        // Undelivered results until the bound has to drop some, then a few batches more.
        long appendedPending = 0;
        var extra = 0;
        for (var batch = 0; batch < 200 && extra < 5; batch++)
        {
            appendedPending += await AppendChecksAsync(sut, 500);
            extra += (await sut.GetStatusAsync(CancellationToken.None)).DroppedTotal > 0 ? 1 : 0;
        }

        var status = await sut.GetStatusAsync(CancellationToken.None);
        var pending = (await sut.AllAsync(pendingOnly: true)).Select(p => p.Point).ToList();
        var checks = pending.Where(p => p.Measurement == "probe_check").Select(p => p.TimestampMs - start).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(extra, Is.EqualTo(5), "the bound never dropped an undelivered row");
            Assert.That(status.Bytes, Is.LessThanOrEqualTo(Fixture.Options.Store.MaxBytes));
            Assert.That(status.Rows, Is.EqualTo(status.PendingRows), "delivered history must go before undelivered rows");
            Assert.That(pending.Count(p => p.Measurement == "probe_verdict"), Is.EqualTo(1));
            Assert.That(pending.Count(p => p.Measurement == "probe_health"), Is.EqualTo(1));
            Assert.That(status.DroppedTotal, Is.EqualTo(appendedPending - checks.Count));
            Assert.That(checks, Is.EqualTo(Enumerable.Range((int)checks[^1] - checks.Count + 1, checks.Count).Select(i => (long)i)), "the oldest results go first");
        });
    }

    [Test]
    public async Task Reopen_AfterDrops_DroppedTotalPersisted()
    {
        Fixture.Options.Store.MaxBytes = 256 * 1024;
        long dropped;
        using (var sut = CreateSut())
        {
            for (var batch = 0; batch < 20; batch++)
            {
                await AppendChecksAsync(sut, 500);
            }

            dropped = (await sut.GetStatusAsync(CancellationToken.None)).DroppedTotal;
        }

        using var reopened = CreateSut();
        var status = await reopened.GetStatusAsync(CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(dropped, Is.GreaterThan(0));
            Assert.That(status.DroppedTotal, Is.EqualTo(dropped));
            Assert.That(status.Rows + dropped, Is.EqualTo(10_000));
            Assert.That(new FileInfo(Fixture.Path).Length, Is.LessThanOrEqualTo(Fixture.Options.Store.MaxBytes + (64 * 1024)), "freed pages are reused: the file stays near the bound");
        });
    }

    [Test]
    public async Task Append_EverySeriesDistinct_SeriesWithoutRowsPrunedSoTheBoundHolds()
    {
        Fixture.Options.Store.MaxBytes = 256 * 1024;
        using var sut = CreateSut();
        for (var batch = 0; batch < 40; batch++)
        {
            await sut.AppendResultsAsync([.. Enumerable.Range(batch * 500, 500).Select(i => StoreFixture.Check("unique-" + i, Fixture.Clock.Advance(1)))], CancellationToken.None);
        }

        var status = await sut.GetStatusAsync(CancellationToken.None);
        var newest = (await sut.AllAsync()).Select(p => p.Point.Tag("target")).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(status.Bytes, Is.LessThanOrEqualTo(Fixture.Options.Store.MaxBytes));
            Assert.That(status.Rows + status.DroppedTotal, Is.EqualTo(20_000));
            Assert.That(newest[^1], Is.EqualTo("unique-19999"), "rows written after a prune must still name their own series");
        });
    }

    [Test]
    public async Task Append_AfterTheBoundDeletedEveryRow_NewRowsGetHigherIdsAndArePending()
    {
        long lastId;
        using (var sut = CreateSut())
        {
            await AppendChecksAsync(sut, 300);
            var all = await sut.ReadPendingAsync(1000, CancellationToken.None);
            await sut.MarkDeliveredAsync([.. all.Select(p => p.Id)], CancellationToken.None);
            lastId = all.Max(p => p.Id);
        }

        // A bound below what an empty store takes: the next append deletes everything, its own row included.
        Fixture.Options.Store.MaxBytes = 1024;
        using (var sut = CreateSut())
        {
            await AppendChecksAsync(sut, 1);
            Assert.That((await sut.GetStatusAsync(CancellationToken.None)).Rows, Is.Zero);
        }

        Fixture.Options.Store.MaxBytes = 1024 * 1024;
        using var reopened = CreateSut();
        await AppendChecksAsync(reopened, 2);
        var pending = await reopened.ReadPendingAsync(1000, CancellationToken.None);

        Assert.Multiple(async () =>
        {
            Assert.That(pending.Select(p => p.Id), Is.EqualTo(new[] { lastId + 2, lastId + 3 }), "ids are never given twice, even with no row left");
            Assert.That((await reopened.GetStatusAsync(CancellationToken.None)).PendingRows, Is.EqualTo(2));
        });
    }

    private async Task<int> AppendChecksAsync(SqliteResultStore sut, int count)
    {
        // Fifty series, one millisecond apart: the timestamp tells each result's age.
        var batch = Enumerable.Range(0, count).Select(i => StoreFixture.Check("t" + (i % 50), Fixture.Clock.Advance(1))).ToList();
        await sut.AppendResultsAsync(batch, CancellationToken.None);
        return count;
    }
}
