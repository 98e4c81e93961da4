using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Probe.Checks;
using Probe.Clock;
using Probe.Configuration;
using Probe.Storage.Rows;
using Probe.Storage.Schema;
using Probe.Storage.Store;
using Probe.Storage;
using Probe.Targets;

namespace Probe.Tests.Storage;

/// <summary>A temporary directory with a store file in it, and the clock, options and logger a store is built from.</summary>
internal sealed class StoreFixture : IDisposable
{
    public static readonly DateTimeOffset TrueTime = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);

    public StoreFixture()
    {
        Directory = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "probe-store-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Directory);
        Options = new ProbeOptions { Id = "dakar-plateau-01", Asn = 8346, Isp = "Sonatel", Access = "fixed", Region = "Dakar" };
        Options.Store.Path = System.IO.Path.Combine(Directory, "results.db");
    }

    public string Directory { get; }

    public string Path => Options.Store.Path;

    public ProbeOptions Options { get; }

    public PlayedClock Clock { get; } = new();

    public FakeTimeProvider Time { get; } = new(TrueTime);

    public ListLogger<SqliteResultStore> Logger { get; } = new();

    /// <summary>A plain connection to the store's file, to look at what the store wrote.</summary>
    public SqliteConnection OpenConnection()
    {
        var connection = new SqliteConnection($"Data Source={Path};Pooling=False");
        connection.Open();
        return connection;
    }

    public SqliteResultStore CreateSut(StoreStage? stage = null, CardMoves? moves = null) =>
        new(Microsoft.Extensions.Options.Options.Create(Options), Clock, Time, Logger, stage, moves);

    /// <summary>The stage file a staged store of this fixture uses.</summary>
    public string StagePath => System.IO.Path.Combine(Directory, "run", "stage.db");

    public static CheckResult Check(string target, ClockReading clock, CheckKind kind = CheckKind.Tcp, int? port = 443, Lane lane = Lane.Round) => new()
    {
        Target = target,
        Group = TargetGroup.National,
        Kind = kind,
        Host = target + ".example.sn",
        Address = "127.1.0.10",
        Port = port,
        Ok = true,
        Ms = 12.5,
        Phases = new Phases(Connect: 12.5, Total: 12.5),
        Lane = lane,
        Clock = clock,
    };

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A mount still busy is reported by the test that made it; leftovers in /tmp are harmless.
        }
    }
}

/// <summary>Small helpers to read a store back in tests.</summary>
internal static class StoreReading
{
    public static object? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    public static async Task<List<PendingPoint>> AllAsync(this IResultStore store, bool pendingOnly = false)
    {
        var points = new List<PendingPoint>();
        await foreach (var point in store.ReadPointsAsync(null, pendingOnly, CancellationToken.None))
        {
            points.Add(point);
        }

        return points;
    }

    public static string Tag(this ProbePoint point, string key) => point.Tags.FirstOrDefault(t => t.Key == key).Value;

    public static object? Field(this ProbePoint point, string key) => point.Fields.FirstOrDefault(f => f.Key == key).Value;
}
