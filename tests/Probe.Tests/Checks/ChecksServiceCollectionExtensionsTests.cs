using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Probe.Checks;
using Probe.Clock;
using Probe.Configuration;
using Probe.Tests.Fakes;

namespace Probe.Tests.Checks;

public sealed class ChecksServiceCollectionExtensionsTests
{
    [Test]
    public void AddChecks_WithOptionsClockAndLogging_ResolvesOneChecker()
    {
        var services = new ServiceCollection()
            .AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance)
            .AddSingleton(typeof(ILogger<>), typeof(Logger<>))
            .AddSingleton<IProbeClock>(new FakeProbeClock())
            .AddChecks();
        services.AddOptions<ProbeOptions>().Configure(o => o.Resolvers = [new ResolverOptions { Name = "own", Address = "127.0.0.53" }]);
        using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });

        var first = provider.GetRequiredService<IChecker>();

        Assert.That(provider.GetRequiredService<IChecker>(), Is.SameAs(first));
    }

    [Test]
    public void RunRoundAsync_CallerCancelled_Throws()
    {
        var sut = TestChecker.Create();
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.That(
            async () => await sut.RunRoundAsync([TestChecker.Host("t", "t.test", [80], [System.Net.IPAddress.Loopback])], cancelled.Token),
            Throws.InstanceOf<OperationCanceledException>());
    }
}
