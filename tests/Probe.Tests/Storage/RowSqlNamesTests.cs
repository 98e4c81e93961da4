using System.Globalization;
using Microsoft.Data.Sqlite;
using Probe.Storage.Rows;
using Probe.Storage.Schema;
using Probe.Storage.Store;

namespace Probe.Tests.Storage;

/// <summary>The named SQL values (RowStatusSql, RowKindSql) against the enums they spell and the schema's partial index.</summary>
public sealed class RowSqlNamesTests : StoreTestBase
{
    private const string PendingFirstIndex = "CREATE INDEX records_pending_first ON records (id) WHERE status = 0 AND kind >= 2";

    [Test]
    public void Values_SpellTheEnums_SameNumbers()
    {
        static string Sql(Enum value) => Convert.ToInt32(value, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture);

        Assert.That(
            new[] { RowStatusSql.Pending, RowStatusSql.Delivered, RowStatusSql.SetAside, RowKindSql.Check, RowKindSql.Health, RowKindSql.Clock, RowKindSql.Verdict },
            Is.EqualTo(new[] { Sql(RowStatus.Pending), Sql(RowStatus.Delivered), Sql(RowStatus.SetAside), Sql(RowKind.Check), Sql(RowKind.Health), Sql(RowKind.Clock), Sql(RowKind.Verdict) }));
    }

    [Test]
    public async Task Open_NewFile_PendingFirstIndexStoredAsEverAndSpelledByTheNames()
    {
        using (var sut = CreateSut())
        {
            await sut.AppendResultsAsync([StoreFixture.Check("a", Fixture.Clock.Read())], CancellationToken.None);
        }

        using var connection = Fixture.OpenConnection();
        var stored = StoreReading.Scalar(connection, "SELECT sql FROM sqlite_master WHERE name = 'records_pending_first'");

        // Existing stores hold this text: it never changes; the queries' terms must contain it as it is.
        Assert.That(stored, Is.EqualTo(PendingFirstIndex));
        Assert.That(stored, Does.EndWith("WHERE " + RowStatusSql.IsPending + " AND " + RowKindSql.SentFirst));
    }

    [Test]
    public async Task SentFirstRead_NewFile_UsesThePendingFirstIndex()
    {
        using (var sut = CreateSut())
        {
            await sut.AppendResultsAsync([StoreFixture.Check("a", Fixture.Clock.Read())], CancellationToken.None);
        }

        using var connection = Fixture.OpenConnection();
        using var command = connection.CreateCommand();
        command.CommandText = "EXPLAIN QUERY PLAN " + RowReader.SentFirstSql;
        command.Parameters.AddWithValue("$from", 0L);
        command.Parameters.AddWithValue("$max", 10L);
        var plan = new List<string>();
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                plan.Add(reader.GetString(3));
            }
        }

        Assert.That(plan, Has.Some.Contains("records USING INDEX records_pending_first"), string.Join(" | ", plan));
    }
}
