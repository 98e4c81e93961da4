using Probe.Storage.Rows;
using Probe.Storage.Schema;
using Probe.Storage.Store;
using Probe.Storage;
using Probe.Verdicts;

namespace Probe.Tests.Storage;

public sealed class StoreClockTests
{
    /// <summary>Where a Pi without an RTC wakes up: its last saved time, long before the true one.</summary>
    private static readonly DateTimeOffset StaleBase = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private StoreFixture _fixture = null!;

    [SetUp]
    public void SetUp()
    {
        _fixture = new StoreFixture();
        _fixture.Options.Store.UnsyncedHoldLimit = TimeSpan.FromHours(1);
        Boot("boot-a");
    }

    [TearDown]
    public void TearDown() => _fixture.Dispose();

    [Test]
    public async Task ReadPending_BootNotSyncedYet_RowsWait()
    {
        using var sut = CreateSut();
        await sut.AppendResultsAsync([StoreFixture.Check("a", At(1000))], CancellationToken.None);
        At(30 * 60 * 1000);

        var pending = await ReleaseAndReadAsync(sut, 10, CancellationToken.None);

        Assert.Multiple(async () =>
        {
            Assert.That(pending, Is.Empty);
            Assert.That((await sut.GetStatusAsync(CancellationToken.None)).PendingRows, Is.EqualTo(1));
        });
    }

    [Test]
    public async Task ReadPending_PastHoldLimitWithoutRelease_RowsNeitherHandedOutNorFrozen()
    {
        using var sut = CreateSut();
        await sut.AppendResultsAsync([StoreFixture.Check("a", At(1000))], CancellationToken.None);
        At(1000 + (60 * 60 * 1000));

        var readAlone = await sut.ReadPendingAsync(10, CancellationToken.None);
        Sync(2 * 60 * 60 * 1000);
        var afterSync = await ReleaseAndReadAsync(sut, 10, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(readAlone, Is.Empty, "a read alone releases nothing");
            Assert.That(afterSync.Select(p => p.Point.Tag("clock")), Is.EqualTo(new[] { "corrected" }), "the row still waited, so the sync re-stamped it");
        });
    }

    [Test]
    public async Task ReleaseUnsynced_PastHoldLimit_ReleasesAtMostMaxOldestFirst()
    {
        using var sut = CreateSut();
        var stale = At(1000);
        await sut.AppendResultsAsync([StoreFixture.Check("a", stale), StoreFixture.Check("b", At(2000))], CancellationToken.None);
        At(2000 + (60 * 60 * 1000));

        await sut.ReleaseUnsyncedAsync(1, CancellationToken.None);
        var released = await sut.ReadPendingAsync(10, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(released.Select(p => (p.Point.Tag("target"), p.Point.Tag("clock"))), Is.EqualTo(new[] { ("a", "unsynced") }));
            Assert.That(released[0].Point.TimestampMs, Is.EqualTo(stale.Wall.ToUnixTimeMilliseconds()));
        });
    }

    [Test]
    public async Task Append_BootSyncsLate_EarlierRowsCorrectedFromMonotonicOffset()
    {
        using var sut = CreateSut();
        await sut.AppendResultsAsync([StoreFixture.Check("a", At(1000)), StoreFixture.Check("a", At(2000))], CancellationToken.None);
        await sut.AppendVerdictAsync(new VerdictChange(new Verdict(VerdictState.FullShutdown, []), VerdictState.Online, At(2500)), CancellationToken.None);

        var synced = Sync(10_000);
        await sut.AppendResultsAsync([StoreFixture.Check("a", synced)], CancellationToken.None);
        await sut.AppendResultsAsync([StoreFixture.Check("b", At(11_000, synced: false))], CancellationToken.None);
        var points = (await ReleaseAndReadAsync(sut, 10, CancellationToken.None)).Select(p => p.Point).ToList();
        var trueMs = StoreFixture.TrueTime.ToUnixTimeMilliseconds();

        Assert.That(points.Select(p => (p.Measurement, p.Tag("clock"), p.TimestampMs)), Is.EqualTo(new[]
        {
            ("probe_verdict", "corrected", trueMs - 7500),
            ("probe_check", "corrected", trueMs - 9000),
            ("probe_check", "corrected", trueMs - 8000),
            ("probe_check", "synced", trueMs),
            ("probe_check", "corrected", trueMs + 1000),
        }));
    }

    [Test]
    public async Task ReadPending_ClockSyncedSinceLastAppend_RowsCorrectedBeforeSending()
    {
        using var sut = CreateSut();
        await sut.AppendResultsAsync([StoreFixture.Check("a", At(1000))], CancellationToken.None);
        Sync(5000);

        var point = (await ReleaseAndReadAsync(sut, 10, CancellationToken.None)).Single().Point;

        Assert.Multiple(() =>
        {
            Assert.That(point.Tag("clock"), Is.EqualTo("corrected"));
            Assert.That(point.TimestampMs, Is.EqualTo(StoreFixture.TrueTime.ToUnixTimeMilliseconds() - 4000));
        });
    }

    [Test]
    public async Task ReadPending_NeverSyncedPastHoldLimit_SentUnsyncedAndLaterCorrectionIsItsOwnRecord()
    {
        using var sut = CreateSut();
        var stale = At(1000);
        await sut.AppendResultsAsync([StoreFixture.Check("a", stale)], CancellationToken.None);
        At(1000 + (60 * 60 * 1000));
        var released = (await ReleaseAndReadAsync(sut, 10, CancellationToken.None)).Single();

        // The upload failed; then the clock syncs. The row must go again under the same timestamp.
        var synced = Sync(2 * 60 * 60 * 1000);
        await sut.AppendResultsAsync([StoreFixture.Check("a", synced)], CancellationToken.None);
        var points = (await ReleaseAndReadAsync(sut, 10, CancellationToken.None)).Select(p => p.Point).ToList();
        var correction = points[0];
        var expectedOffset = (synced.Wall.ToUnixTimeMilliseconds() - synced.MonotonicMs) - StaleBase.ToUnixTimeMilliseconds();

        Assert.Multiple(() =>
        {
            Assert.That(released.Point.Tag("clock"), Is.EqualTo("unsynced"));
            Assert.That(released.Point.TimestampMs, Is.EqualTo(stale.Wall.ToUnixTimeMilliseconds()));
            Assert.That(points, Has.Count.EqualTo(3));
            Assert.That(correction.Measurement, Is.EqualTo("probe_clock"));
            Assert.That(correction.Tags, Is.EqualTo(new KeyValuePair<string, string>[] { new("boot", "boot-a"), new("probe", "dakar-plateau-01") }));
            Assert.That(correction.Field("offset_ms"), Is.EqualTo(expectedOffset));
            Assert.That(correction.Field("boot_id"), Is.EqualTo("boot-a"));
            Assert.That(correction.Field("first_ms"), Is.EqualTo(stale.Wall.ToUnixTimeMilliseconds()));
            Assert.That(points[1], Is.EqualTo(released.Point).Using<ProbePoint>(SamePoint), "a result is never sent under two timestamps");
            Assert.That(points[2].Tag("clock"), Is.EqualTo("synced"));
        });
    }

    [Test]
    public async Task ReadPending_BootOverWithoutSync_RowsSentUnsyncedAtOnceNeverRestamped()
    {
        using var sut = CreateSut();
        var stale = At(1000);
        await sut.AppendResultsAsync([StoreFixture.Check("a", stale), StoreFixture.Check("b", At(2000))], CancellationToken.None);

        Boot("boot-b");
        At(500);
        var afterReboot = await ReleaseAndReadAsync(sut, 10, CancellationToken.None);
        var synced = Sync(3000);
        await sut.AppendResultsAsync([StoreFixture.Check("c", synced)], CancellationToken.None);
        var all = (await sut.AllAsync()).Select(p => p.Point).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(afterReboot.Select(p => p.Point.Tag("clock")), Is.EqualTo(new[] { "unsynced", "unsynced" }));
            Assert.That(afterReboot[0].Point.TimestampMs, Is.EqualTo(stale.Wall.ToUnixTimeMilliseconds()));
            Assert.That(all, Has.Count.EqualTo(3), "no row is dropped for its clock, and no correction for another boot");
            Assert.That(all.Take(2).Select(p => p.Tag("clock")), Is.All.EqualTo("unsynced"));
        });
    }

    [Test]
    public async Task ReadPending_StateChangeSentAheadOfOlderUnsyncedChecks_OnlyWhatWasSentIsFrozen()
    {
        using var sut = CreateSut();
        await sut.AppendResultsAsync([StoreFixture.Check("a", At(1000)), StoreFixture.Check("b", At(2000))], CancellationToken.None);
        var change = At(3000);
        await sut.AppendVerdictAsync(new VerdictChange(new Verdict(VerdictState.FullShutdown, []), VerdictState.Online, change), CancellationToken.None);
        At(3000 + (60 * 60 * 1000));
        var verdict = (await ReleaseAndReadAsync(sut, 1, CancellationToken.None)).Single();
        await sut.MarkDeliveredAsync([verdict.Id], CancellationToken.None);

        var synced = Sync(2 * 60 * 60 * 1000);
        await sut.AppendResultsAsync([StoreFixture.Check("c", synced)], CancellationToken.None);
        var points = (await ReleaseAndReadAsync(sut, 10, CancellationToken.None)).Select(p => p.Point).ToList();
        var trueMs = StoreFixture.TrueTime.ToUnixTimeMilliseconds();

        Assert.Multiple(() =>
        {
            Assert.That(verdict.Point.Tag("clock"), Is.EqualTo("unsynced"));
            Assert.That(verdict.Point.TimestampMs, Is.EqualTo(change.Wall.ToUnixTimeMilliseconds()));
            Assert.That(points.Select(p => (p.Measurement, p.Tag("target"), p.Tag("clock"), p.TimestampMs)), Is.EqualTo(new[]
            {
                ("probe_clock", null, null, trueMs),
                ("probe_check", "a", "corrected", trueMs - synced.MonotonicMs + 1000),
                ("probe_check", "b", "corrected", trueMs - synced.MonotonicMs + 2000),
                ("probe_check", "c", "synced", trueMs),
            }));
            Assert.That(points[0].Field("first_ms"), Is.EqualTo(change.Wall.ToUnixTimeMilliseconds()));
            Assert.That(points[0].Field("last_ms"), Is.EqualTo(change.Wall.ToUnixTimeMilliseconds()));
        });
    }

    [Test]
    public async Task Append_SecondBootSyncs_OnlyItsOwnWaitingRowsRestamped()
    {
        using var sut = CreateSut();
        await sut.AppendResultsAsync([StoreFixture.Check("a", At(1000)), StoreFixture.Check("b", At(2000))], CancellationToken.None);
        Boot("boot-b");
        await sut.AppendResultsAsync([StoreFixture.Check("c", At(1000)), StoreFixture.Check("d", At(2000))], CancellationToken.None);

        var synced = Sync(10_000);
        await sut.AppendResultsAsync([StoreFixture.Check("e", synced)], CancellationToken.None);
        var points = (await sut.AllAsync()).Select(p => p.Point).ToList();
        var trueMs = StoreFixture.TrueTime.ToUnixTimeMilliseconds();
        var staleMs = StaleBase.ToUnixTimeMilliseconds();

        Assert.That(points.Select(p => (p.Tag("target"), p.Tag("clock"), p.TimestampMs)), Is.EqualTo(new[]
        {
            ("a", "unsynced", staleMs + 1000),
            ("b", "unsynced", staleMs + 2000),
            ("c", "corrected", trueMs - 9000),
            ("d", "corrected", trueMs - 8000),
            ("e", "synced", trueMs),
        }));
    }

    /// <summary>What the upload does before each read: the release, then the read.</summary>
    private static async Task<IReadOnlyList<PendingPoint>> ReleaseAndReadAsync(SqliteResultStore sut, int max, CancellationToken cancellationToken)
    {
        await sut.ReleaseUnsyncedAsync(max, cancellationToken);
        return await sut.ReadPendingAsync(max, cancellationToken);
    }

    private static bool SamePoint(ProbePoint a, ProbePoint b) =>
        a.Measurement == b.Measurement && a.TimestampMs == b.TimestampMs && a.Tags.SequenceEqual(b.Tags) && a.Fields.SequenceEqual(b.Fields);

    private void Boot(string bootId)
    {
        _fixture.Clock.BootId = bootId;
        _fixture.Clock.Synced = false;
        _fixture.Clock.MonotonicMs = 0;
    }

    /// <summary>Moves the played clock to <paramref name="monotonicMs"/> into the boot; unsynced, the wall clock runs from the stale base.</summary>
    private Probe.Clock.ClockReading At(long monotonicMs, bool? synced = null)
    {
        var clock = _fixture.Clock;
        if (synced is { } s)
        {
            clock.Synced = s;
        }

        var offset = monotonicMs - clock.MonotonicMs;
        clock.MonotonicMs = monotonicMs;
        clock.Wall = clock.Synced ? clock.Wall.AddMilliseconds(offset) : StaleBase.AddMilliseconds(monotonicMs);
        return clock.Read();
    }

    /// <summary>The clock syncs at <paramref name="monotonicMs"/>: the wall clock steps to the true time.</summary>
    private Probe.Clock.ClockReading Sync(long monotonicMs)
    {
        _fixture.Clock.Synced = true;
        _fixture.Clock.MonotonicMs = monotonicMs;
        _fixture.Clock.Wall = StoreFixture.TrueTime;
        return _fixture.Clock.Read();
    }

    private SqliteResultStore CreateSut() => _fixture.CreateSut();
}
