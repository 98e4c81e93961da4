using Microsoft.Data.Sqlite;
using Probe.Storage.Rows;
using Probe.Storage.Schema;
using Probe.Storage.Store;

namespace Probe.Tests.Storage;

public sealed class StoreSchemaTests : StoreTestBase
{
    [Test]
    public async Task Open_NewFile_WalNoAutoVacuumSmallPagesAndCurrentSchemaVersion()
    {
        using (var sut = CreateSut())
        {
            await sut.AppendResultsAsync([StoreFixture.Check("a", Fixture.Clock.Read())], CancellationToken.None);
        }

        using var connection = new SqliteConnection($"Data Source={Fixture.Path};Pooling=False");
        connection.Open();

        Assert.Multiple(() =>
        {
            Assert.That(Pragma(connection, "journal_mode"), Is.EqualTo("wal"));
            Assert.That(Pragma(connection, "auto_vacuum"), Is.EqualTo(0L), "none: it wrote a pointer-map page with almost every commit");
            Assert.That(Pragma(connection, "user_version"), Is.EqualTo(3L));
            Assert.That(StoreReading.Scalar(connection, "SELECT sql FROM sqlite_master WHERE name = 'records'"), Does.Not.Contain("AUTOINCREMENT"), "every insert would write sqlite_sequence");
            Assert.That(Pragma(connection, "page_size"), Is.EqualTo(512L), "small pages: the WAL takes whole pages per commit");
        });
    }

    [Test]
    public async Task Open_FileFromNewerProbe_MovedAsideNotMisread()
    {
        using (var connection = new SqliteConnection($"Data Source={Fixture.Path};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "CREATE TABLE future (x); PRAGMA user_version = 99;";
            command.ExecuteNonQuery();
        }

        using var sut = CreateSut();
        var status = await sut.GetStatusAsync(CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(status.Rows, Is.Zero);
            Assert.That(Directory.GetFiles(Fixture.Directory, "results.db.corrupt-*"), Has.Length.EqualTo(1));
            Assert.That(Fixture.Logger.Entries.Single(e => e.EventId == 1501).Message, Does.Contain("newer"));
        });
    }

    private static object? Pragma(SqliteConnection connection, string name) => StoreReading.Scalar(connection, "PRAGMA " + name);
}
