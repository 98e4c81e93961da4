using Probe.Checks;
using Probe.Clock;
using Probe.Targets;

namespace Probe.Bench.Micro;

/// <summary>A full round shaped like the default catalog: 12 national, 12 international, 8 platforms; dns at two resolvers, tcp, tls, http; the gateway.</summary>
internal static class Round
{
    private static readonly string[] Platforms = ["whatsapp", "facebook", "instagram", "telegram", "tiktok", "x", "youtube", "signal"];
    private static readonly string[] Resolvers = ["system", "google"];
    private static readonly ClockReading Clock = new(new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero), "boot", 1000, true);

    public static IReadOnlyList<CheckResult> Create()
    {
        var results = new List<CheckResult>
        {
            new() { Target = "gateway", Kind = CheckKind.Gateway, Host = "192.168.1.1", Address = "192.168.1.1", Port = 53, Ok = true, Ms = 1.2, Clock = Clock },
        };
        var targets = Enumerable.Range(0, 12).Select(i => ($"national-{i}", TargetGroup.National, (string?)null))
            .Concat(Enumerable.Range(0, 12).Select(i => ($"international-{i}", TargetGroup.International, (string?)null)))
            .Concat(Platforms.Select(p => ($"{p}-web", TargetGroup.Platform, (string?)p)));
        foreach (var (name, group, platform) in targets)
        {
            var host = $"www.{name}.example";
            foreach (var resolver in Resolvers)
            {
                results.Add(Result(name, group, platform, host, CheckKind.Dns) with { Resolver = resolver, QueryType = "A", Rcode = "NOERROR", Answers = ["192.0.2.10"] });
            }

            results.Add(Result(name, group, platform, host, CheckKind.Tcp) with { Address = "192.0.2.10", Port = 443 });
            results.Add(Result(name, group, platform, host, CheckKind.Tls) with { Address = "192.0.2.10", Port = 443, TlsVersion = "Tls13" });
            results.Add(Result(name, group, platform, host, CheckKind.Http) with
            {
                Address = "192.0.2.10", Port = 443, Status = 200, Bytes = 65536, Phases = new Phases(2, 10, 20, 40, 60),
            });
        }

        return results;
    }

    private static CheckResult Result(string name, TargetGroup group, string? platform, string host, CheckKind kind) => new()
    {
        Target = name, Group = group, Platform = platform, Kind = kind, Host = host, Resolver = "system", Ok = true, Ms = 25, Clock = Clock,
    };
}
