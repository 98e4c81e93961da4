using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Probe.Clock;
using Probe.Tests.Storage;

namespace Probe.Tests.Clock;

public sealed class SystemProbeClockTests
{
    private string _directory = null!;
    private string _bootIdPath = null!;
    private string _syncFlagPath = null!;
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero));
    private readonly ListLogger<SystemProbeClock> _logger = new();
    private bool? _kernelSynced;
    private long _monotonicMs = 4242;
    private bool? _timedatedSynced;
    private int _timedatedCalls;

    [SetUp]
    public void SetUp()
    {
        _directory = Path.Combine(Path.GetTempPath(), "probe-clock-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_directory);
        _bootIdPath = Path.Combine(_directory, "boot_id");
        _syncFlagPath = Path.Combine(_directory, "synchronized");
        // One fixture instance serves every test: the fake sources start afresh each time.
        _kernelSynced = null;
        _monotonicMs = 4242;
        _timedatedSynced = null;
        _timedatedCalls = 0;
        File.WriteAllText(_bootIdPath, "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0\n");
    }

    [TearDown]
    public void TearDown() => Directory.Delete(_directory, recursive: true);

    [Test]
    public void Read_FakeSources_WallBootAndMonotonicFromTheirSources()
    {
        var sut = CreateSut();

        var reading = sut.Read();

        Assert.That(reading, Is.EqualTo(new ClockReading(_time.GetUtcNow(), "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0", 4242, false)));
    }

    [Test]
    public void Read_TimesyncdFlagPresent_SyncedWhateverTheKernelSays()
    {
        File.WriteAllText(_syncFlagPath, "");
        _kernelSynced = false;

        Assert.That(CreateSut().Read().Synced, Is.True);
    }

    [TestCase(true, true)]
    [TestCase(false, false)]
    [TestCase(null, false)]
    public void Read_NoTimesyncdFlag_KernelStateDecides(bool? kernel, bool expected)
    {
        _kernelSynced = kernel;

        Assert.That(CreateSut().Read().Synced, Is.EqualTo(expected));
    }

    [TestCase(true, true)]
    [TestCase(false, false)]
    [TestCase(null, false)]
    public void Read_AdjtimexForbidden_TimedatedDecides(bool? timedated, bool expected)
    {
        _timedatedSynced = timedated;

        Assert.That(CreateSut().Read().Synced, Is.EqualTo(expected));
    }

    [Test]
    public void Read_KernelAnswers_TimedatedNotAsked()
    {
        _kernelSynced = false;
        _timedatedSynced = true;

        Assert.Multiple(() =>
        {
            Assert.That(CreateSut().Read().Synced, Is.False);
            Assert.That(_timedatedCalls, Is.Zero);
        });
    }

    [Test]
    public void Read_AdjtimexForbidden_TimedatedAskedOncePerMinute()
    {
        _timedatedSynced = false;
        var sut = CreateSut();

        var before = sut.Read();
        _timedatedSynced = true;
        _monotonicMs += SystemProbeClock.TimedatedReuseMs - 1;
        var within = sut.Read();
        _monotonicMs += 1;
        var after = sut.Read();

        Assert.Multiple(() =>
        {
            Assert.That(new[] { before.Synced, within.Synced, after.Synced }, Is.EqualTo(new[] { false, false, true }));
            Assert.That(_timedatedCalls, Is.EqualTo(2));
        });
    }

    [Test]
    public void Read_BootIdUnreadable_UniqueUnknownIdAndLoggedOnce()
    {
        File.Delete(_bootIdPath);
        var sut = CreateSut();

        var first = sut.Read();
        var second = sut.Read();

        Assert.Multiple(() =>
        {
            Assert.That(first.BootId, Does.StartWith("unknown-"));
            Assert.That(second.BootId, Is.EqualTo(first.BootId));
            Assert.That(_logger.Entries.Where(e => e.EventId == 1600).Select(e => e.Level), Is.EqualTo(new[] { LogLevel.Error }));
            Assert.That(CreateSut().Read().BootId, Is.Not.EqualTo(first.BootId), "another process must not pass for the same boot");
        });
    }

    [Test]
    public void Read_RealSystem_KernelBootIdAndMonotonicClock()
    {
        var sut = new SystemProbeClock(TimeProvider.System, NullLogger<SystemProbeClock>.Instance);

        var reading = sut.Read();
        var tick = Environment.TickCount64;
        var later = sut.Read();

        Assert.Multiple(() =>
        {
            Assert.That(reading.BootId, Is.EqualTo(File.ReadAllText("/proc/sys/kernel/random/boot_id").Trim()));
            // TickCount64 is CLOCK_MONOTONIC_COARSE on Linux: the same clock, a few ms coarser.
            Assert.That(reading.MonotonicMs, Is.EqualTo(tick).Within(100));
            Assert.That(later.MonotonicMs, Is.GreaterThanOrEqualTo(reading.MonotonicMs));
            Assert.That(LinuxClockNative.KernelSynced(), Is.Not.Null, "adjtimex in read-only mode must answer on Linux");
        });
    }

    [Test]
    public void AddProbeClock_NothingRegistered_SystemClock()
    {
        using var provider = new ServiceCollection().AddLogging().AddProbeClock().BuildServiceProvider();

        Assert.That(provider.GetRequiredService<IProbeClock>(), Is.TypeOf<SystemProbeClock>());
    }

    private SystemProbeClock CreateSut() =>
        new(_time, _logger, _bootIdPath, _syncFlagPath, () => _kernelSynced, () => _monotonicMs, () => { _timedatedCalls++; return _timedatedSynced; });
}
