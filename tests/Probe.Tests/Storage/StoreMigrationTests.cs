using Microsoft.Data.Sqlite;
using Probe.Storage.Rows;
using Probe.Storage.Schema;
using Probe.Storage.Store;
using Probe.Storage;
using Probe.Upload;

namespace Probe.Tests.Storage;

/// <summary>
/// A store written by the previous schema (version 1) is migrated in place. Data/store-v1.db was made by that code: 300
/// results appended through its SqliteResultStore (bench/fill at main abad44c), then rows 1–100 and 151–160 delivered
/// and row 120 set aside with the statements its RowReader.Settle ran, counters as it kept them.
/// Data/store-v2.db (version 2, 1 KiB pages, auto_vacuum incremental) was made by bench/fill at a74eb56 (300 results in
/// batches of 10), then with sqlite3: pending_from 101, rows 151–160 delivered, row 120 set aside, the counters, row 200's
/// fields given escaped and non-ASCII text, and rows 296–300 deleted (sqlite_sequence still says 300).
/// </summary>
public sealed class StoreMigrationTests
{
    private StoreFixture _fixture = null!;

    [SetUp]
    public void SetUp()
    {
        _fixture = new StoreFixture();
        File.Copy(Path.Combine(TestContext.CurrentContext.TestDirectory, "Storage", "Data", "store-v1.db"), _fixture.Path);
    }

    [TearDown]
    public void TearDown() => _fixture.Dispose();

    [Test]
    public async Task Open_StoreOfVersion1_MigratedInPlaceSameRowsSamePendingNothingMovedAside()
    {
        var expectedPending = Enumerable.Range(101, 200).Where(id => id != 120 && id is < 151 or > 160).Select(id => (long)id).ToList();
        using var sut = _fixture.CreateSut();

        var status = await sut.GetStatusAsync(CancellationToken.None);
        var pending = await sut.ReadPendingAsync(1000, CancellationToken.None);

        Assert.Multiple(async () =>
        {
            Assert.That(status.Rows, Is.EqualTo(300));
            Assert.That(status.PendingRows, Is.EqualTo(189));
            Assert.That(status.DeliveredTotal, Is.EqualTo(110));
            Assert.That(status.SetAsideTotal, Is.EqualTo(1));
            Assert.That(pending.Select(p => p.Id), Is.EqualTo(expectedPending));
            Assert.That((await sut.AllAsync(pendingOnly: true)).Select(p => p.Id), Is.EqualTo(expectedPending));
            Assert.That(await sut.AllAsync(), Has.Count.EqualTo(300));
            Assert.That(Directory.GetFiles(_fixture.Directory, "*.corrupt-*"), Is.Empty);
            Assert.That(_fixture.Logger.Entries.Where(e => e.EventId == 1508).Select(e => e.Message), Has.One.Contains("from schema version 1 to 3"));
        });

        using var connection = _fixture.OpenConnection();
        Assert.Multiple(() =>
        {
            Assert.That(StoreReading.Scalar(connection, "PRAGMA user_version"), Is.EqualTo(3L));
            Assert.That(StoreReading.Scalar(connection, "PRAGMA page_size"), Is.EqualTo(4096L), "an existing file keeps its page size");
            Assert.That(StoreReading.Scalar(connection, "PRAGMA auto_vacuum"), Is.EqualTo(0L), "auto_vacuum dropped (VACUUM once)");
            Assert.That(StoreReading.Scalar(connection, "SELECT sql FROM sqlite_master WHERE name = 'records'"), Does.Not.Contain("AUTOINCREMENT"));
            Assert.That(StoreReading.Scalar(connection, "SELECT group_concat(name, ',') FROM (SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'records' AND sql IS NOT NULL ORDER BY name)"),
                Is.EqualTo("records_pending_first,records_ts_series"));
        });
    }

    [Test]
    public async Task MarkDelivered_AllPendingOfAMigratedStore_NoneLeftEachCountedOnce()
    {
        using var sut = _fixture.CreateSut();
        var pending = await sut.ReadPendingAsync(1000, CancellationToken.None);

        await sut.MarkDeliveredAsync([.. pending.Select(p => p.Id), 5, 155, 120], CancellationToken.None);
        var status = await sut.GetStatusAsync(CancellationToken.None);

        Assert.Multiple(async () =>
        {
            Assert.That(await sut.ReadPendingAsync(1000, CancellationToken.None), Is.Empty);
            Assert.That(status.PendingRows, Is.Zero);
            Assert.That(status.OldestPending, Is.Null);
            Assert.That(status.DeliveredTotal, Is.EqualTo(110 + 189));
            Assert.That(status.SetAsideTotal, Is.EqualTo(1));
        });
    }

    [Test]
    public async Task Insert_SameSeriesAndTimestampAsAMigratedRow_RefusedByTheUniqueIndex()
    {
        using (var sut = _fixture.CreateSut())
        {
            await sut.GetStatusAsync(CancellationToken.None);
        }

        using var connection = _fixture.OpenConnection();
        using var command = connection.CreateCommand();
        command.CommandText = "INSERT INTO records (kind, series_id, ts_ms, boot, mono_ms, clock, fields) SELECT kind, series_id, ts_ms, boot, mono_ms, clock, fields FROM records WHERE id = 200";

        Assert.That(() => command.ExecuteNonQuery(), Throws.InstanceOf<SqliteException>().With.Message.Contains("UNIQUE"));
    }

    [Test]
    public async Task Open_StoreOfVersion2_MigratedSameRowsSamePendingFieldsSentAsBefore()
    {
        UseFixture("store-v2.db");
        var expectedPending = Enumerable.Range(101, 195).Where(id => id != 120 && id is < 151 or > 160).Select(id => (long)id).ToList();
        using var sut = _fixture.CreateSut();

        var status = await sut.GetStatusAsync(CancellationToken.None);
        var pending = await sut.ReadPendingAsync(1000, CancellationToken.None);
        var row200 = pending.Single(p => p.Id == 200).Point;

        Assert.Multiple(() =>
        {
            Assert.That(status.Rows, Is.EqualTo(295));
            Assert.That(status.PendingRows, Is.EqualTo(184));
            Assert.That(status.DeliveredTotal, Is.EqualTo(110));
            Assert.That(status.SetAsideTotal, Is.EqualTo(1));
            Assert.That(pending.Select(p => p.Id), Is.EqualTo(expectedPending));
            Assert.That(LineProtocol.Format(row200), Does.EndWith(" answers=\"say \\\"hi\\\", éé\",ok=true,rcode=\"NOERROR\",total_ms=44.667 " + row200.TimestampMs));
        });
    }

    [Test]
    public async Task Open_MigrationToVersion3CutShortAfterSomeChunks_ResumesEveryRowOnce()
    {
        UseFixture("store-v2.db");
        using (var connection = _fixture.OpenConnection())
        {
            // As if the watchdog had stopped the first attempt: rows up to 150 copied and committed, the rest not.
            SchemaVersion3.CopyInChunks(connection, chunk: 100);
            using var command = connection.CreateCommand();
            command.CommandText = "DELETE FROM records_v3 WHERE id > 150";
            command.ExecuteNonQuery();
        }

        using var sut = _fixture.CreateSut();
        var status = await sut.GetStatusAsync(CancellationToken.None);
        var all = await sut.AllAsync();

        Assert.Multiple(() =>
        {
            Assert.That(status.Rows, Is.EqualTo(295));
            Assert.That(status.PendingRows, Is.EqualTo(184));
            Assert.That(all.Select(p => p.Id), Is.EqualTo(Enumerable.Range(1, 295).Select(id => (long)id)));
            Assert.That(all.Select(p => p.Point.Tag("target")), Has.None.Null);
        });
    }

    [Test]
    public async Task Append_AfterVersion2WhoseTopRowsWereDeleted_IdsAboveEveryIdGivenBefore()
    {
        UseFixture("store-v2.db");
        using var sut = _fixture.CreateSut();
        var pending = await sut.ReadPendingAsync(1000, CancellationToken.None);
        await sut.MarkDeliveredAsync([.. pending.Select(p => p.Id)], CancellationToken.None);

        await sut.AppendResultsAsync([StoreFixture.Check("after-migration", _fixture.Clock.Read())], CancellationToken.None);
        var fresh = await sut.ReadPendingAsync(1000, CancellationToken.None);

        Assert.That(fresh.Select(p => (p.Id, p.Point.Tag("target"))), Is.EqualTo(new[] { (301L, "after-migration") }), "rows 296-300 were given out before (sqlite_sequence)");
    }

    private void UseFixture(string name) =>
        File.Copy(Path.Combine(TestContext.CurrentContext.TestDirectory, "Storage", "Data", name), _fixture.Path, overwrite: true);
}
