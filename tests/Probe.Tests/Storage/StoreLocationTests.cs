using System.Diagnostics;
using Probe.Storage;

namespace Probe.Tests.Storage;

/// <summary>A store on a location that refuses writes: real tmpfs mounts (read-only, or tiny so SQLite hits SQLITE_FULL); needs root.</summary>
[Category("Integration")]
public sealed class StoreLocationTests
{
    private const int UnavailableEvent = 1502;
    private StoreFixture _fixture = null!;
    private string _mount = null!;
    private bool _mounted;

    [SetUp]
    public void SetUp()
    {
        _fixture = new StoreFixture();
        _mount = Path.Combine(_fixture.Directory, "mnt");
        Directory.CreateDirectory(_mount);
        _fixture.Options.Store.Path = Path.Combine(_mount, "results.db");
    }

    [TearDown]
    public void TearDown()
    {
        if (_mounted)
        {
            Run("umount", "-l", _mount);
        }

        _fixture.Dispose();
    }

    [Test]
    public async Task Append_ReadOnlyLocation_KeptInMemoryThenWrittenWhenWritable()
    {
        Mount("ro,size=1m");
        using var sut = _fixture.CreateSut();

        await sut.AppendResultsAsync([StoreFixture.Check("a", _fixture.Clock.Read())], CancellationToken.None);
        var statusError = Assert.ThrowsAsync<StoreUnavailableException>(() => sut.GetStatusAsync(CancellationToken.None));
        Run("mount", "-o", "remount,rw", _mount);
        await sut.AppendResultsAsync([StoreFixture.Check("b", _fixture.Clock.Advance(1))], CancellationToken.None);
        var stored = (await sut.AllAsync()).Select(p => p.Point.Tag("target"));

        Assert.Multiple(() =>
        {
            Assert.That(statusError!.Message, Does.Contain(_fixture.Path));
            Assert.That(_fixture.Logger.Entries.Select(e => e.EventId), Does.Contain(UnavailableEvent));
            Assert.That(stored, Is.EqualTo(new[] { "a", "b" }));
        });
    }

    [Test]
    public async Task Append_DiskFull_NeverThrowsKeepsBatchesAndWritesThemWhenSpaceReturns()
    {
        Mount("size=256k");
        using var sut = _fixture.CreateSut();
        var appended = 0;
        for (var batch = 0; batch < 40 && !_fixture.Logger.Entries.Any(e => e.EventId == UnavailableEvent); batch++)
        {
            await sut.AppendResultsAsync([.. Enumerable.Range(appended, 200).Select(i => StoreFixture.Check("t" + i, _fixture.Clock.Advance(1)))], CancellationToken.None);
            appended += 200;
        }

        Assert.That(_fixture.Logger.Entries.Select(e => e.EventId), Does.Contain(UnavailableEvent), "the tmpfs never filled up");
        await sut.AppendResultsAsync([StoreFixture.Check("during", _fixture.Clock.Advance(1))], CancellationToken.None);
        Run("mount", "-o", "remount,size=16m", _mount);
        await sut.AppendResultsAsync([StoreFixture.Check("after", _fixture.Clock.Advance(1))], CancellationToken.None);
        var stored = (await sut.AllAsync()).Select(p => p.Point.Tag("target")).ToList();
        var status = await sut.GetStatusAsync(CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(stored, Has.Count.EqualTo(appended + 2));
            Assert.That(stored.Distinct().Count(), Is.EqualTo(appended + 2));
            Assert.That(status.DroppedTotal, Is.Zero);
        });
    }

    [Test]
    public async Task Append_StagedOnAReadOnlyCard_RowsWaitOnTheStageBoundedThenMoveOnceWhenWritable()
    {
        // The card turns read-only (a failing SD card does): the stage keeps the rows, at most RowLimit of them, check
        // results dropped first and counted; when the card is writable again the next move takes them, each once.
        Mount("size=1m");
        using (var first = _fixture.CreateSut())
        {
            await first.AppendResultsAsync([StoreFixture.Check("before", _fixture.Clock.Read())], CancellationToken.None);
        }

        Run("mount", "-o", "remount,ro", _mount);
        var interval = TimeSpan.FromSeconds(150);
        using var sut = _fixture.CreateSut(new StoreStage(_fixture.StagePath, interval, RowLimit: 3));
        for (var i = 0; i < 5; i++)
        {
            await sut.AppendResultsAsync([StoreFixture.Check("ro" + i, _fixture.Clock.Advance(1))], CancellationToken.None);
            _fixture.Time.Advance(interval);
        }

        var unavailable = _fixture.Logger.Entries.Count(e => e.EventId == UnavailableEvent);
        Run("mount", "-o", "remount,rw", _mount);
        await sut.AppendResultsAsync([StoreFixture.Check("after", _fixture.Clock.Advance(1))], CancellationToken.None);
        var stored = (await sut.AllAsync()).Select(p => p.Point.Tag("target")).ToList();
        var status = await sut.GetStatusAsync(CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(unavailable, Is.GreaterThan(0), "the read-only card was never noticed");
            Assert.That(stored, Is.EqualTo(new[] { "before", "ro2", "ro3", "ro4", "after" }), "the two oldest results over the stage's limit of 3 go first");
            Assert.That(status.DroppedTotal, Is.EqualTo(2));
            Assert.That(status.PendingRows, Is.EqualTo(5));
        });
    }

    private void Mount(string options)
    {
        var (code, output) = Run("mount", "-t", "tmpfs", "-o", options, "probe-test", _mount);
        Assert.That(code, Is.Zero, "these tests mount a tmpfs and must run as root: " + output);
        _mounted = true;
    }

    private static (int Code, string Output) Run(string file, params string[] arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardError.ReadToEnd() + process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output);
    }
}
