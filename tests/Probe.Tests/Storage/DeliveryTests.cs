using Probe.Storage.Rows;
using Probe.Storage.Schema;
using Probe.Storage.Store;
using Probe.Storage;
using Probe.Verdicts;

namespace Probe.Tests.Storage;

/// <summary>Delivery as a watermark plus the rows delivered out of store order: every row once, never sent again.</summary>
public sealed class DeliveryTests : StoreTestBase
{
    [Test]
    public async Task MarkDelivered_OutOfStoreOrderAndTwice_EachRowCountedOnceNeverReturnedAgain()
    {
        using var sut = CreateSut();
        await sut.AppendResultsAsync([.. Enumerable.Range(0, 5).Select(i => StoreFixture.Check("t" + i, Fixture.Clock.Advance(1)))], CancellationToken.None);
        var ids = (await sut.ReadPendingAsync(10, CancellationToken.None)).Select(p => p.Id).ToList();

        await sut.MarkDeliveredAsync([ids[2]], CancellationToken.None);
        Assert.That(await PendingTargetsAsync(sut), Is.EqualTo(new[] { "t0", "t1", "t3", "t4" }));
        await sut.MarkDeliveredAsync([ids[0]], CancellationToken.None);
        Assert.That(await PendingTargetsAsync(sut), Is.EqualTo(new[] { "t1", "t3", "t4" }));
        await sut.MarkDeliveredAsync([ids[3], ids[1]], CancellationToken.None);
        await sut.MarkDeliveredAsync([.. ids.Take(4)], CancellationToken.None);
        var status = await sut.GetStatusAsync(CancellationToken.None);

        Assert.Multiple(async () =>
        {
            Assert.That(await PendingTargetsAsync(sut), Is.EqualTo(new[] { "t4" }));
            Assert.That(status.PendingRows, Is.EqualTo(1));
            Assert.That(status.DeliveredTotal, Is.EqualTo(4));
            Assert.That(status.Rows, Is.EqualTo(5));
            Assert.That((await sut.AllAsync(pendingOnly: true)).Select(p => p.Id), Is.EqualTo(new[] { ids[4] }));
            Assert.That((await sut.AllAsync()).Select(p => p.Id), Is.EqualTo(ids), "delivered rows stay as history");
        });
    }

    [Test]
    public async Task MarkDelivered_EverythingThenNewRows_OnlyNewRowsPending()
    {
        using var sut = CreateSut();
        await sut.AppendResultsAsync([StoreFixture.Check("old", Fixture.Clock.Advance(1))], CancellationToken.None);
        await sut.MarkDeliveredAsync([.. (await sut.ReadPendingAsync(10, CancellationToken.None)).Select(p => p.Id)], CancellationToken.None);

        await sut.AppendResultsAsync([StoreFixture.Check("new", Fixture.Clock.Advance(1))], CancellationToken.None);
        using var reopened = CreateSut();
        var status = await reopened.GetStatusAsync(CancellationToken.None);

        Assert.Multiple(async () =>
        {
            Assert.That(await PendingTargetsAsync(reopened), Is.EqualTo(new[] { "new" }));
            Assert.That(status.PendingRows, Is.EqualTo(1));
            Assert.That(status.OldestPending, Is.EqualTo(DateTimeOffset.FromUnixTimeMilliseconds(Fixture.Clock.Read().Wall.ToUnixTimeMilliseconds())));
        });
    }

    [Test]
    public async Task SetAside_RowAtTheWatermarkAndAnAlreadyDeliveredOne_OnlyThePendingOneCounted()
    {
        using var sut = CreateSut();
        await sut.AppendResultsAsync([.. Enumerable.Range(0, 3).Select(i => StoreFixture.Check("t" + i, Fixture.Clock.Advance(1)))], CancellationToken.None);
        var ids = (await sut.ReadPendingAsync(10, CancellationToken.None)).Select(p => p.Id).ToList();

        await sut.SetAsideAsync([ids[0]], "400 bad field", CancellationToken.None);
        await sut.MarkDeliveredAsync([ids[1]], CancellationToken.None);
        await sut.SetAsideAsync([ids[1]], "400 bad field", CancellationToken.None);
        var status = await sut.GetStatusAsync(CancellationToken.None);

        Assert.Multiple(async () =>
        {
            Assert.That(await PendingTargetsAsync(sut), Is.EqualTo(new[] { "t2" }));
            Assert.That(status.SetAsideTotal, Is.EqualTo(1));
            Assert.That(status.DeliveredTotal, Is.EqualTo(1));
        });
    }

    [Test]
    public async Task MarkDelivered_VerdictBeforeOlderChecks_ChecksStillPendingInOrder()
    {
        using var sut = CreateSut();
        await sut.AppendResultsAsync([StoreFixture.Check("a", Fixture.Clock.Advance(1)), StoreFixture.Check("b", Fixture.Clock.Advance(1))], CancellationToken.None);
        await sut.AppendVerdictAsync(new VerdictChange(Verdict.Unknown, VerdictState.Online, Fixture.Clock.Advance(1)), CancellationToken.None);
        var verdict = (await sut.ReadPendingAsync(1, CancellationToken.None)).Single();

        await sut.MarkDeliveredAsync([verdict.Id], CancellationToken.None);
        var first = await sut.ReadPendingAsync(1, CancellationToken.None);
        await sut.MarkDeliveredAsync([first[0].Id], CancellationToken.None);

        Assert.Multiple(async () =>
        {
            Assert.That(verdict.Point.Measurement, Is.EqualTo("probe_verdict"));
            Assert.That(first.Single().Point.Tag("target"), Is.EqualTo("a"));
            Assert.That(await PendingTargetsAsync(sut), Is.EqualTo(new[] { "b" }));
            Assert.That((await sut.GetStatusAsync(CancellationToken.None)).DeliveredTotal, Is.EqualTo(2));
        });
    }

    private static async Task<List<string>> PendingTargetsAsync(SqliteResultStore store) =>
        [.. (await store.ReadPendingAsync(100, CancellationToken.None)).Select(p => p.Point.Tag("target"))];
}
