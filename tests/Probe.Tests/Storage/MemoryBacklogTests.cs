using Probe.Clock;
using Probe.Storage.Rows;
using Probe.Storage.Schema;
using Probe.Storage.Store;
using Probe.Storage;

namespace Probe.Tests.Storage;

public sealed class MemoryBacklogTests
{
    [Test]
    public void Trim_OverLimit_ChecksDroppedFirstOldestFirstAndCounted()
    {
        var sut = CreateSut(limit: 3);
        sut.Add([Record(RowKind.Verdict, "v"), Record(RowKind.Check, "c1"), Record(RowKind.Health, "h"), Record(RowKind.Check, "c2"), Record(RowKind.Check, "c3")]);

        var dropped = sut.Trim();

        Assert.Multiple(() =>
        {
            Assert.That(dropped, Is.EqualTo(2));
            Assert.That(sut.Dropped, Is.EqualTo(2));
            Assert.That(sut.Rows.Select(r => System.Text.Encoding.UTF8.GetString(r.Fields)), Is.EqualTo(new[] { "v", "h", "c3" }));
        });
    }

    [Test]
    public void Written_AfterTrim_EmptyAndCountReset()
    {
        var sut = CreateSut(limit: 1);
        sut.Add([Record(RowKind.Check, "a"), Record(RowKind.Check, "b")]);
        sut.Trim();

        sut.Written();

        Assert.That((sut.Count, sut.Dropped), Is.EqualTo((0, 0L)));
    }

    private static NewRow Record(RowKind kind, string marker) =>
        new(kind, "m", "{}", System.Text.Encoding.UTF8.GetBytes(marker), new ClockReading(StoreFixture.TrueTime, "b", 0, true));

    private static MemoryBacklog CreateSut(int limit) => new(limit);
}
