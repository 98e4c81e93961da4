using Microsoft.Extensions.Hosting.Systemd;
using Microsoft.Extensions.Time.Testing;
using Probe.Hosting;

namespace Probe.Tests.Hosting;

[FixtureLifeCycle(LifeCycle.InstancePerTestCase)]
public sealed class ProgressMonitorTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero));
    private readonly RecordingNotifier _notifier = new();

    [Test]
    public void Busy_FirstCycles_ReadyOnce()
    {
        var sut = CreateSut();

        sut.Busy("sentinel", TimeSpan.FromSeconds(10));
        sut.Busy("round", TimeSpan.FromSeconds(10));

        Assert.That(_notifier.States, Is.EqualTo(new[] { "READY=1" }));
    }

    [Test]
    public void Stalled_PastBudgetPlusGrace_NamesTheLoop()
    {
        var sut = CreateSut();
        sut.Busy("sentinel", TimeSpan.FromSeconds(10));
        sut.Waiting("round", _time.GetUtcNow() + TimeSpan.FromMinutes(5));

        var inTime = sut.Stalled(_time.GetUtcNow() + TimeSpan.FromSeconds(40));
        var late = sut.Stalled(_time.GetUtcNow() + TimeSpan.FromSeconds(41));

        Assert.Multiple(() =>
        {
            Assert.That(inTime, Is.Null);
            Assert.That(late, Is.EqualTo("sentinel"));
        });
    }

    [Test]
    public void Stalled_LoopStopped_NotJudged()
    {
        var sut = CreateSut();
        sut.Busy("sentinel", TimeSpan.FromSeconds(10));

        sut.Stopped("sentinel");

        Assert.That(sut.Stalled(_time.GetUtcNow() + TimeSpan.FromHours(1)), Is.Null);
    }

    private ProgressMonitor CreateSut() => new(_time, _notifier, new DaemonTimings { StallGrace = TimeSpan.FromSeconds(30) });

    private sealed class RecordingNotifier : ISystemdNotifier
    {
        public List<string> States { get; } = [];

        public bool IsEnabled => true;

        public void Notify(ServiceState state) => States.Add(state.ToString());
    }
}
