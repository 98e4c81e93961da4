using System.Net;
using Probe.Checks;
using Probe.Targets;
using Probe.Tests.Verdicts;

namespace Probe.Tests.Hosting;

/// <summary>What the fake checker's world looks like right now.</summary>
internal enum NetworkState
{
    Online,
    Shutdown,

    /// <summary>The national targets answer, the international ones do not (packets dropped).</summary>
    InternationalCut,
}

/// <summary>The targets of the daemon tests and the results a checker would give for them in each state of the network.</summary>
internal static class FakeNetwork
{
    public static IReadOnlyList<Target> Targets { get; } =
    [
        Target("n1", TargetGroup.National, sentinel: true),
        Target("n2", TargetGroup.National, sentinel: false),
        Target("i1", TargetGroup.International, sentinel: true),
        Target("i2", TargetGroup.International, sentinel: false),
    ];

    public static IReadOnlyList<CheckResult> Round(NetworkState state)
    {
        var round = ResultsBuilder.Round().Gateway(true);
        foreach (var target in Targets)
        {
            if (Reaches(state, target))
            {
                round.Reachable(target.Name, target.Group);
            }
            else
            {
                round.FailsAt(target.Name, target.Group, CheckKind.Tcp, Failures.GenericTimeout);
            }
        }

        return round.Build();
    }

    public static IReadOnlyList<CheckResult> Sentinels(NetworkState state)
    {
        var round = ResultsBuilder.Round().Gateway(true);
        foreach (var target in Targets.Where(t => t.Sentinel))
        {
            round.Sentinel(target.Name, target.Group, Reaches(state, target));
        }

        return round.Build();
    }

    private static bool Reaches(NetworkState state, Target target) =>
        state == NetworkState.Online || (state == NetworkState.InternationalCut && target.Group == TargetGroup.National);

    private static Target Target(string name, TargetGroup group, bool sentinel) =>
        new(name, $"{name}.example", new Uri($"https://{name}.example/"), group, null, [443], Array.Empty<IPAddress>(), sentinel, "test");
}
