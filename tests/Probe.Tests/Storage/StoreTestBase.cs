using Probe.Storage.Rows;
using Probe.Storage.Schema;
using Probe.Storage.Store;
using Probe.Storage;

namespace Probe.Tests.Storage;

/// <summary>Tests of the real SQLite store: a fresh <see cref="StoreFixture"/> (directory, fake clock) for each test, removed after it.</summary>
public abstract class StoreTestBase
{
    private protected StoreFixture Fixture { get; private set; } = null!;

    [SetUp]
    public void CreateFixture() => Fixture = new StoreFixture();

    [TearDown]
    public void DisposeFixture() => Fixture.Dispose();

    private protected SqliteResultStore CreateSut() => Fixture.CreateSut();
}
