using Probe.Storage.Rows;
using Probe.Storage.Schema;
using Probe.Storage.Store;
using Probe.Storage;

namespace Probe.Tests.Storage;

public sealed class SharedFileTests : StoreTestBase
{
    [Test]
    public async Task Append_TwoStoresOnOneFileAtOnce_EveryRowOnceWithItsOwnId()
    {
        // The daemon and `probe check` may write the same file at the same time.
        using var daemon = CreateSut();
        using var cli = CreateSut();
        var clock = Fixture.Clock.Read();

        await Task.WhenAll(AppendAsync(daemon, "daemon", clock), AppendAsync(cli, "cli", clock));
        var all = await daemon.AllAsync();

        Assert.Multiple(() =>
        {
            Assert.That(all, Has.Count.EqualTo(2 * 20 * 100));
            Assert.That(all.Select(p => p.Id).Distinct().Count(), Is.EqualTo(all.Count));
            Assert.That(all.Select(p => (p.Point.Tag("target"), p.Point.TimestampMs)).Distinct().Count(), Is.EqualTo(all.Count), "timestamps stay unique per series across writers");
        });
    }

    private static async Task AppendAsync(SqliteResultStore store, string who, Probe.Clock.ClockReading clock)
    {
        for (var batch = 0; batch < 20; batch++)
        {
            await Task.Yield();
            await store.AppendResultsAsync([.. Enumerable.Range(0, 100).Select(i => StoreFixture.Check("t" + (i % 10), clock))], CancellationToken.None);
        }
    }
}
