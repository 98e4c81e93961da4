using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Probe.Checks;
using Probe.Clock;
using Probe.Configuration;
using Probe.Gpio;
using Probe.Hosting;
using Probe.Storage;
using Probe.Tests.Fakes;

namespace Probe.Tests.Hosting;

/// <summary>The daemon inside a real generic host on the real clock, as <c>probe run</c> will build it.</summary>
public sealed class DaemonHostTests
{
    private static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(7); // the round may go on for 2 s of it

    [Test]
    public async Task StopAsync_DuringRound_EndsWithinShutdownTimeoutAndStoresTheRound()
    {
        var checker = new FakeChecker(TimeProvider.System);
        var store = new FakeResultStore();
        var roundStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var measured = FakeNetwork.Round(NetworkState.Online).Take(3).ToArray();
        checker.RoundScripts[1] = async token =>
        {
            roundStarted.TrySetResult();
            // A checker that, told to stop, hands back what it measured so far.
            await Task.Delay(Timeout.Infinite, token).ContinueWith(_ => { }, TaskScheduler.Default);
            return measured;
        };
        using var host = CreateSut(checker, store);
        await host.StartAsync();
        await roundStarted.Task.WaitAsync(ShutdownTimeout);

        var stopwatch = Stopwatch.StartNew();
        await host.StopAsync();
        stopwatch.Stop();

        Assert.Multiple(() =>
        {
            Assert.That(stopwatch.Elapsed, Is.LessThan(ShutdownTimeout));
            Assert.That(store.Batches, Does.Contain(measured));
            Assert.That(checker.SentinelStarts, Is.Not.Empty);
        });
    }

    private static IHost CreateSut(FakeChecker checker, FakeResultStore store) => new HostBuilder()
        .ConfigureServices(services =>
        {
            services.AddLogging();
            services.Configure<HostOptions>(options => options.ShutdownTimeout = ShutdownTimeout);
            services.Configure<ProbeOptions>(options =>
            {
                options.Checks.Timeout = TimeSpan.FromSeconds(1);
                options.Sink.Kind = "none";
            });
            services.AddSingleton<IChecker>(checker);
            services.AddSingleton<IResultStore>(store);
            services.AddSingleton<ILedPanel>(new FakeLedPanel());
            services.AddSingleton<IProbeClock>(new FakeProbeClock());
            services.AddSingleton<ITargetSource>(new StaticTargets());
            services.AddDaemon();
        })
        .Build();

    private sealed class StaticTargets : ITargetSource
    {
        public IReadOnlyList<Probe.Targets.Target> GetTargets() => FakeNetwork.Targets;
    }
}
