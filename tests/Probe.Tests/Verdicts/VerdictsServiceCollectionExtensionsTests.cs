using Microsoft.Extensions.DependencyInjection;
using Probe.Checks;
using Probe.Configuration;
using Probe.Targets;
using Probe.Verdicts;

namespace Probe.Tests.Verdicts;

public sealed class VerdictsServiceCollectionExtensionsTests
{
    [Test]
    public void AddVerdicts_ReferenceResolverFromOptions_JudgesTamperingAgainstIt()
    {
        var services = new ServiceCollection();
        services.Configure<ProbeOptions>(options => options.Resolvers =
        [
            new ResolverOptions { Name = ResultsBuilder.System, Address = "system" },
            new ResolverOptions { Name = ResultsBuilder.Reference, Address = "127.0.0.54", Reference = true },
        ]);
        using var provider = services.AddVerdicts().BuildServiceProvider();
        var round = ResultsBuilder.Round().Gateway(true)
            .Reachable("n1", TargetGroup.National).Reachable("i1", TargetGroup.International)
            .SystemDnsFails("n2", TargetGroup.National, Failures.DnsNxdomain);

        var verdict = provider.GetRequiredService<IVerdictEngine>().Evaluate(round.Build());

        Assert.That(verdict.State, Is.EqualTo(VerdictState.DnsTampering));
    }
}
