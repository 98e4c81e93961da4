using Microsoft.Extensions.Logging;
using Probe.Storage;

namespace Probe.Tests.Storage;

public sealed class CorruptFileTests : StoreTestBase
{
    private const int QuarantinedEvent = 1501;
    [Test]
    public async Task Open_GarbageFile_MovedAsideFreshStoreLogged()
    {
        var garbage = new byte[64 * 1024];
        new Random(7).NextBytes(garbage);
        await File.WriteAllBytesAsync(Fixture.Path, garbage);

        await AssertQuarantinedAndFreshAsync(garbage);
    }

    [Test]
    public async Task Open_TruncatedFile_MovedAsideFreshStoreLogged()
    {
        await FillAsync();
        var bytes = await File.ReadAllBytesAsync(Fixture.Path);
        var truncated = bytes[..(bytes.Length / 2 + 100)];
        await File.WriteAllBytesAsync(Fixture.Path, truncated);

        await AssertQuarantinedAndFreshAsync(truncated);
    }

    [Test]
    public async Task Open_MalformedPages_MovedAsideFreshStoreLogged()
    {
        await FillAsync();
        var bytes = await File.ReadAllBytesAsync(Fixture.Path);

        // Header intact, b-tree pages in the middle overwritten: "database disk image is malformed".
        Array.Fill(bytes, (byte)0x5A, 4096 * 3, 4096 * 4);
        await File.WriteAllBytesAsync(Fixture.Path, bytes);

        await AssertQuarantinedAndFreshAsync(bytes);
    }

    [Test]
    public async Task Open_HealthyFileTwice_NothingMovedAside()
    {
        await FillAsync();
        using var sut = CreateSut();

        var status = await sut.GetStatusAsync(CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(status.Rows, Is.EqualTo(3000));
            Assert.That(Directory.GetFiles(Fixture.Directory, "*.corrupt-*"), Is.Empty);
            Assert.That(Fixture.Logger.Entries.Select(e => e.EventId), Does.Not.Contain(QuarantinedEvent));
        });
    }

    [Test]
    public async Task GetStatus_DamageOnlyTheQuickCheckSees_ReaderAnswersFirstWriterMovesItAside()
    {
        await FillAsync();
        DamageFreelist();
        using var sut = CreateSut();

        // A reader does not pay for the quick check (it reads every page), and a broken freelist is nothing it reads.
        var before = await sut.GetStatusAsync(CancellationToken.None);
        Assert.That(Directory.GetFiles(Fixture.Directory, "*.corrupt-*"), Is.Empty);
        await sut.AppendResultsAsync([StoreFixture.Check("after", Fixture.Clock.Read())], CancellationToken.None);
        var after = await sut.GetStatusAsync(CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(before.Rows, Is.EqualTo(1000));
            Assert.That(after.Rows, Is.EqualTo(1), "the writer checked the file, moved it aside and wrote to a fresh one");
            Assert.That(Directory.GetFiles(Fixture.Directory, "results.db.corrupt-*"), Is.Not.Empty);
            Assert.That(Fixture.Logger.Entries.Count(e => e.EventId == QuarantinedEvent), Is.EqualTo(1));
        });
    }

    /// <summary>Frees two thirds of the rows' pages into the freelist and overwrites its first trunk page.</summary>
    private void DamageFreelist()
    {
        using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Fixture.Path};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "DELETE FROM records WHERE id <= 2000; PRAGMA wal_checkpoint(TRUNCATE); PRAGMA journal_mode = DELETE;";
            command.ExecuteNonQuery();
        }

        var bytes = File.ReadAllBytes(Fixture.Path);
        var pageSize = System.Buffers.Binary.BinaryPrimitives.ReadUInt16BigEndian(bytes.AsSpan(16));
        var trunk = System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(32));
        Assert.That(trunk, Is.GreaterThan(1), "the deletion left a freelist");
        Array.Fill(bytes, (byte)0x5A, (int)((trunk - 1) * pageSize), pageSize);
        File.WriteAllBytes(Fixture.Path, bytes);
    }

    private async Task AssertQuarantinedAndFreshAsync(byte[] original)
    {
        using var sut = CreateSut();
        await sut.AppendResultsAsync([StoreFixture.Check("after", Fixture.Clock.Read())], CancellationToken.None);
        var status = await sut.GetStatusAsync(CancellationToken.None);
        var moved = Directory.GetFiles(Fixture.Directory, "results.db.corrupt-*").Where(f => !f.EndsWith("-wal", StringComparison.Ordinal) && !f.EndsWith("-shm", StringComparison.Ordinal)).ToList();

        Assert.Multiple(async () =>
        {
            Assert.That(status.Rows, Is.EqualTo(1), "a fresh store holds only the new row");
            Assert.That(moved, Has.Count.EqualTo(1));
            Assert.That(await File.ReadAllBytesAsync(moved[0]), Is.EqualTo(original), "the damaged file is kept as it was");
            Assert.That(Fixture.Logger.Entries.Where(e => e.EventId == QuarantinedEvent).Select(e => e.Level), Is.EqualTo(new[] { LogLevel.Error }));
        });

        // And the next start opens the fresh file without moving anything again.
        using var again = CreateSut();
        Assert.That((await again.GetStatusAsync(CancellationToken.None)).Rows, Is.EqualTo(1));
        Assert.That(Fixture.Logger.Entries.Count(e => e.EventId == QuarantinedEvent), Is.EqualTo(1));
    }

    private async Task FillAsync()
    {
        using var sut = CreateSut();
        for (var batch = 0; batch < 3; batch++)
        {
            await sut.AppendResultsAsync([.. Enumerable.Range(0, 1000).Select(i => StoreFixture.Check("t" + (i % 40), Fixture.Clock.Advance(1)))], CancellationToken.None);
        }
    }
}
