using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Probe.Hosting;

namespace Probe.Tests.Hosting;

public sealed class DaemonServiceCollectionExtensionsTests
{
    [Test]
    public async Task AddDaemon_WithTheFeaturesItNeeds_ResolvesEveryHostedService()
    {
        await using var harness = new DaemonHarness();

        var services = harness.Get<IEnumerable<IHostedService>>().Select(s => s.GetType()).ToArray();

        Assert.That(services, Is.EqualTo(new[] { typeof(SentinelLane), typeof(RoundScheduler), typeof(HealthReporter), typeof(LivenessService), typeof(BudgetBookkeeping) }));
    }
}
