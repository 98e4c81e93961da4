using Microsoft.Data.Sqlite;
using Probe.Storage;
using Probe.Storage.Store;
using Probe.Verdicts;

namespace Probe.Tests.Storage;

/// <summary>
/// The daemon's stage (PROBE.md §5): first commits in a second SQLite file, moved to the card's store in one transaction
/// per move interval, at once with a state change, at the first append and on dispose; every row exactly once.
/// </summary>
public sealed class StagedStoreTests : StoreTestBase
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(150);
    private const int StageFailedEvent = 1510;

    [Test]
    public async Task Append_Staged_CardTakesRowsAtFirstAppendThenOncePerInterval()
    {
        using var sut = CreateStagedSut();

        await AppendAsync(sut, "a");
        Fixture.Time.Advance(TimeSpan.FromSeconds(10));
        await AppendAsync(sut, "b");
        var cardBefore = await CardTargetsAsync();
        var status = await sut.GetStatusAsync(CancellationToken.None);
        Fixture.Time.Advance(Interval - TimeSpan.FromSeconds(10));
        await AppendAsync(sut, "c");
        var cardAfter = await CardTargetsAsync();

        Assert.Multiple(() =>
        {
            Assert.That(cardBefore, Is.EqualTo(new[] { "a" }));
            Assert.That(status.PendingRows, Is.EqualTo(2), "a staged row is pending too");
            Assert.That(status.Rows, Is.EqualTo(2));
            Assert.That(cardAfter, Is.EqualTo(new[] { "a", "b", "c" }));
            Assert.That(StagedRows(), Is.Zero);
        });
    }

    [Test]
    public async Task AppendVerdict_Staged_MovesStagedRowsAndTheChangeAtOnce()
    {
        using var sut = CreateStagedSut();
        await AppendAsync(sut, "a");
        Fixture.Time.Advance(TimeSpan.FromSeconds(10));
        await AppendAsync(sut, "b");

        await sut.AppendVerdictAsync(new VerdictChange(new Verdict(VerdictState.FullShutdown, []), VerdictState.Online, Fixture.Clock.Advance(1)), CancellationToken.None);
        var points = await PlainStoreAsync(store => store.AllAsync());

        Assert.Multiple(() =>
        {
            Assert.That(points.Select(p => p.Point.Measurement), Is.EqualTo(new[] { "probe_check", "probe_check", "probe_verdict" }));
            Assert.That(StagedRows(), Is.Zero);
        });
    }

    [Test]
    public async Task Dispose_Staged_LeavesNothingOnTheStage()
    {
        using (var sut = CreateStagedSut())
        {
            await AppendAsync(sut, "a");
            Fixture.Time.Advance(TimeSpan.FromSeconds(10));
            await AppendAsync(sut, "b");
        }

        Assert.Multiple(async () =>
        {
            Assert.That(await CardTargetsAsync(), Is.EqualTo(new[] { "a", "b" }));
            Assert.That(StagedRows(), Is.Zero);
        });
    }

    [Test]
    public async Task Append_StageLeftByAKilledProcess_ItsRowsMoveOnceAtTheFirstAppend()
    {
        // The first store is never disposed before the second takes over: what a SIGKILL leaves.
        var killed = CreateStagedSut();
        await AppendAsync(killed, "a");
        Fixture.Time.Advance(TimeSpan.FromSeconds(10));
        await AppendAsync(killed, "b");
        await AppendAsync(killed, "c");

        using (var restarted = CreateStagedSut())
        {
            await AppendAsync(restarted, "d");
        }

        killed.Dispose();

        Assert.That(await CardTargetsAsync(), Is.EqualTo(new[] { "a", "b", "c", "d" }));
    }

    [Test]
    public async Task Append_RowsStillStagedAfterTheirMove_AreNotMovedTwice()
    {
        // A crash between the card's commit and the stage's delete: the stage still holds rows the card has.
        var leftOver = new List<object[]>();
        using (var sut = CreateStagedSut())
        {
            await AppendAsync(sut, "a");
            Fixture.Time.Advance(TimeSpan.FromSeconds(10));
            await AppendAsync(sut, "b");
            await AppendAsync(sut, "c");
            leftOver.AddRange(StageRows());
        }

        Reinsert(leftOver);
        Assert.That(StagedRows(), Is.EqualTo(2), "the crash's state was not rebuilt");
        using (var restarted = CreateStagedSut())
        {
            await AppendAsync(restarted, "d");
        }

        Assert.That(await CardTargetsAsync(), Is.EqualTo(new[] { "a", "b", "c", "d" }));
    }

    [Test]
    public async Task Append_NewStageFileAfterAReboot_AllItsRowsMove()
    {
        using (var sut = CreateStagedSut())
        {
            await AppendAsync(sut, "a");
            await AppendAsync(sut, "b");
        }

        // tmpfs is empty after a reboot: a new file starts its numbers again, under a new id.
        File.Delete(Fixture.StagePath);
        using (var rebooted = CreateStagedSut())
        {
            await AppendAsync(rebooted, "c");
            Fixture.Time.Advance(TimeSpan.FromSeconds(10));
            await AppendAsync(rebooted, "d");
        }

        Assert.That(await CardTargetsAsync(), Is.EqualTo(new[] { "a", "b", "c", "d" }));
    }

    [Test]
    public async Task Append_StageCannotBeCreated_RowsGoStraightToTheCard()
    {
        // The stage's directory would have to be made inside a regular file.
        var blocker = Path.Combine(Fixture.Directory, "not-a-directory");
        await File.WriteAllTextAsync(blocker, "");
        using var sut = CreateSut(new StoreStage(Path.Combine(blocker, "stage.db"), Interval));

        await AppendAsync(sut, "a");
        Fixture.Time.Advance(TimeSpan.FromSeconds(10));
        await AppendAsync(sut, "b");

        Assert.Multiple(async () =>
        {
            Assert.That(await CardTargetsAsync(), Is.EqualTo(new[] { "a", "b" }));
            Assert.That(Fixture.Logger.Entries.Count(e => e.EventId == StageFailedEvent), Is.EqualTo(1));
        });
    }

    [Test]
    public async Task Move_Staged_TellsTheUpload()
    {
        var moves = new CardMoves();
        using var sut = CreateSut(new StoreStage(Fixture.StagePath, Interval), moves);
        await AppendAsync(sut, "a");
        var next = moves.NextAsync();

        Fixture.Time.Advance(TimeSpan.FromSeconds(10));
        await AppendAsync(sut, "b");
        var beforeInterval = next.IsCompleted;
        Fixture.Time.Advance(Interval);
        await AppendAsync(sut, "c");

        Assert.Multiple(() =>
        {
            Assert.That(beforeInterval, Is.False);
            Assert.That(next.IsCompletedSuccessfully, Is.True);
        });
    }

    [Test]
    public async Task Move_AfterABacklogOnTheStage_TheStageGivesItsPagesBack()
    {
        // tmpfs is memory: 10 000 rows waited on the stage, then moved; the file must not keep their pages.
        using var sut = CreateStagedSut();
        await AppendAsync(sut, "first");
        for (var batch = 0; batch < 20; batch++)
        {
            await sut.AppendResultsAsync([.. Enumerable.Range(0, 500).Select(i => StoreFixture.Check($"b{batch}-{i}", Fixture.Clock.Advance(1)))], CancellationToken.None);
        }

        using (var connection = OpenStage())
        {
            Assert.That((long)StoreReading.Scalar(connection, "PRAGMA page_count")!, Is.GreaterThan(100), "the backlog never filled the stage");
        }

        Fixture.Time.Advance(Interval);
        await AppendAsync(sut, "last");
        using var after = OpenStage();

        Assert.Multiple(() =>
        {
            Assert.That((long)StoreReading.Scalar(after, "PRAGMA page_count")!, Is.LessThan(10));
            Assert.That((long)StoreReading.Scalar(after, "PRAGMA freelist_count")!, Is.Zero);
        });
    }

    private SqliteResultStore CreateStagedSut() => CreateSut(new StoreStage(Fixture.StagePath, Interval));

    private SqliteResultStore CreateSut(StoreStage stage, CardMoves? moves = null) => Fixture.CreateSut(stage, moves);

    private Task AppendAsync(SqliteResultStore store, string target) =>
        store.AppendResultsAsync([StoreFixture.Check(target, Fixture.Clock.Advance(1))], CancellationToken.None);

    /// <summary>What the card's store holds, read by a store without a stage (as <c>probe export</c> reads it).</summary>
    private Task<List<string>> CardTargetsAsync() =>
        PlainStoreAsync(async store => (await store.AllAsync()).Select(p => p.Point.Tag("target")).ToList());

    private async Task<T> PlainStoreAsync<T>(Func<SqliteResultStore, Task<T>> read)
    {
        using var plain = Fixture.CreateSut();
        return await read(plain);
    }

    private long StagedRows()
    {
        using var connection = OpenStage();
        return (long)StoreReading.Scalar(connection, "SELECT count(*) FROM staged")!;
    }

    private List<object[]> StageRows()
    {
        using var connection = OpenStage();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT * FROM staged ORDER BY seq";
        using var reader = command.ExecuteReader();
        var rows = new List<object[]>();
        while (reader.Read())
        {
            var values = new object[reader.FieldCount];
            reader.GetValues(values);
            rows.Add(values);
        }

        return rows;
    }

    private void Reinsert(List<object[]> rows)
    {
        using var connection = OpenStage();
        foreach (var row in rows)
        {
            using var command = connection.CreateCommand();
            command.CommandText = "INSERT INTO staged VALUES (" + string.Join(", ", row.Select((_, i) => "$v" + i)) + ")";
            for (var i = 0; i < row.Length; i++)
            {
                command.Parameters.AddWithValue("$v" + i, row[i]);
            }

            command.ExecuteNonQuery();
        }
    }

    private SqliteConnection OpenStage()
    {
        var connection = new SqliteConnection($"Data Source={Fixture.StagePath};Pooling=False");
        connection.Open();
        return connection;
    }
}
