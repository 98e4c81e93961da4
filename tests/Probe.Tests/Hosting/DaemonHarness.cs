using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Systemd;
using Microsoft.Extensions.Time.Testing;
using Probe.Checks;
using Probe.Clock;
using Probe.Configuration;
using Probe.Gpio;
using Probe.Hosting;
using Probe.Storage;
using Probe.Targets;
using Probe.Tests.Fakes;

namespace Probe.Tests.Hosting;

/// <summary>The daemon's hosted services over fakes and a FakeTimeProvider, with a way to move time only when every loop is idle.</summary>
/// <remarks>
/// The loops tell the <see cref="ProgressMonitor"/> when they wait and until when (after arming their timer). The
/// harness moves fake time to the next such moment only once every started loop waits for a later time (or is
/// allowed to be stuck) and no round request is pending, so no test ever sleeps or races a loop.
/// </remarks>
internal sealed class DaemonHarness : IAsyncDisposable
{
    private static readonly TimeSpan RealTimeGuard = TimeSpan.FromSeconds(20);
    private readonly ServiceProvider _provider;
    private readonly List<(IHostedService Service, string Loop)> _started = [];
    private readonly HashSet<string> _mayBeBusy = new(StringComparer.Ordinal);
    private readonly HashSet<string> _mayHang = new(StringComparer.Ordinal);

    public DaemonHarness(Action<ProbeOptions>? configure = null, ISystemdNotifier? notifier = null, ITargetSource? targets = null)
    {
        Time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero));
        Checker = new FakeChecker(Time);
        var services = new ServiceCollection();
        services.AddLogging();
        services.Configure<ProbeOptions>(options =>
        {
            options.Schedule.Jitter = 0;
            options.Sink.Kind = "influx2";
            // The behaviour before budgets (these tests pin its timings); the budgeted lanes have their own tests.
            options.Budget.DailyBytes = 0;
            options.Store.Path = Path.Combine(StateDirectory, "results.db");
            configure?.Invoke(options);
        });
        services.AddSingleton<TimeProvider>(Time);
        services.AddSingleton<IProbeClock>(new FakeProbeClock(Time));
        services.AddSingleton<IChecker>(Checker);
        services.AddSingleton<IResultStore>(Store);
        services.AddSingleton<ILedPanel>(Panel);
        services.AddSingleton(targets ?? new ListTargetSource(FakeNetwork.Targets));
        services.AddSingleton(new DaemonTimings { Random = new Random(42) });
        services.AddSingleton(notifier ?? new SystemdNotifier());
        services.AddSingleton(new HeapTrim(() => Trims.Add(Time.GetUtcNow() - Origin)));
        services.AddDaemon();
        _provider = services.BuildServiceProvider();
        Monitor = _provider.GetRequiredService<ProgressMonitor>();
        Trigger = _provider.GetRequiredService<RoundTrigger>();
    }

    public FakeTimeProvider Time { get; }

    /// <summary>Where the budget account is saved: a directory of this harness's own.</summary>
    public string StateDirectory { get; } = Directory.CreateTempSubdirectory("probe-harness-").FullName;

    public FakeChecker Checker { get; }

    public FakeResultStore Store { get; } = new();

    public FakeLedPanel Panel { get; } = new();

    public ProgressMonitor Monitor { get; }

    public RoundTrigger Trigger { get; }

    /// <summary>When the round scheduler trimmed the heap (elapsed fake time); the test process's own heap is left alone.</summary>
    public List<TimeSpan> Trims { get; } = [];

    public DateTimeOffset Origin => Checker.Origin;

    public TimeSpan Elapsed => Time.GetUtcNow() - Origin;

    public T Get<T>()
        where T : notnull => _provider.GetRequiredService<T>();

    /// <summary>Starts the named hosted services (by loop name) and waits until they idle.</summary>
    public async Task StartAsync(params string[] loops)
    {
        foreach (var service in _provider.GetServices<IHostedService>())
        {
            var loop = (string)service.GetType().GetField("LoopName")!.GetValue(null)!;
            if (loops.Contains(loop))
            {
                _started.Add((service, loop));
                await service.StartAsync(CancellationToken.None);
            }
        }

        Assert.That(_started.Select(s => s.Loop), Is.EquivalentTo(loops), "unknown loop name");
        await WaitIdleAsync();
    }

    /// <summary>
    /// Lets a loop stay in a cycle within its budget (a test that holds a round on purpose): time moves on while the
    /// loop's checker call is held by its script, not while the loop still goes towards it or on from it.
    /// </summary>
    public void AllowBusy(string loop) => _mayBeBusy.Add(loop);

    public void ForbidBusy(string loop) => _mayBeBusy.Remove(loop);

    /// <summary>Lets a loop stay in a cycle past its budget (a test that hangs it on purpose).</summary>
    public void AllowHang(string loop) => _mayHang.Add(loop);

    public void ForbidHang(string loop) => _mayHang.Remove(loop);

    /// <summary>Moves fake time, wake-up by wake-up, until <paramref name="elapsed"/> after the start, letting every loop run in between.</summary>
    public async Task RunUntilAsync(TimeSpan elapsed)
    {
        var target = Origin + elapsed;
        while (true)
        {
            await WaitIdleAsync();
            // Busy loops count too: time stops where a cycle's budget runs out.
            var now = Time.GetUtcNow();
            var next = _started
                .Select(s => Monitor.Of(s.Loop)?.Until)
                .Where(until => until > now)
                .Select(until => until!.Value)
                .DefaultIfEmpty(DateTimeOffset.MaxValue)
                .Min();
            if (next > target)
            {
                if (Time.GetUtcNow() < target)
                {
                    Time.SetUtcNow(target);
                }

                await WaitIdleAsync();
                return;
            }

            Time.SetUtcNow(next);
        }
    }

    /// <summary>Completes when every started loop waits for a moment still ahead (or may be busy) and no round request is pending.</summary>
    public async Task WaitIdleAsync()
    {
        while (true)
        {
            var changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            void OnChanged() => changed.TrySetResult();
            Monitor.Changed += OnChanged;
            Checker.Changed += OnChanged;
            try
            {
                if (IsIdle())
                {
                    return;
                }

                await changed.Task.WaitAsync(RealTimeGuard);
            }
            catch (TimeoutException)
            {
                Assert.Fail($"the loops never went idle: {string.Join(", ", _started.Select(s => $"{s.Loop}={Monitor.Of(s.Loop)}"))}, round requested={Trigger.Pending}, now={Time.GetUtcNow():HH:mm:ss.fff}");
            }
            finally
            {
                Monitor.Changed -= OnChanged;
                Checker.Changed -= OnChanged;
            }
        }
    }

    public async Task StopAsync()
    {
        foreach (var (service, _) in _started)
        {
            await service.StopAsync(CancellationToken.None).WaitAsync(RealTimeGuard);
        }

        _started.Clear();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var (service, _) in _started)
        {
            _ = service.StopAsync(CancellationToken.None);
        }

        await _provider.DisposeAsync();
    }

    private bool IsIdle()
    {
        var now = Time.GetUtcNow();
        var roundRequested = Trigger.Pending && _started.Any(s => s.Loop == RoundScheduler.LoopName);
        return !roundRequested && _started.All(s => Monitor.Of(s.Loop) is { } progress
            && (progress.Busy
                ? _mayHang.Contains(s.Loop) || (_mayBeBusy.Contains(s.Loop) && progress.Until > now && Held(s.Loop))
                : progress.Until > now));
    }

    // A busy loop may wait for fake time only inside its held checker call: before the call (the checker has not
    // recorded its start) or after it (the loop plans its next cycle from the clock), moving time would race it.
    private bool Held(string loop) => loop switch
    {
        SentinelLane.LoopName => Checker.SentinelPassHeld,
        RoundScheduler.LoopName => Checker.RoundHeld,
        _ => true,
    };

    private sealed class ListTargetSource(IReadOnlyList<Target> targets) : ITargetSource
    {
        public IReadOnlyList<Target> GetTargets() => targets;
    }
}
