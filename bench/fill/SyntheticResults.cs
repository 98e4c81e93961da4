using Probe.Checks;
using Probe.Clock;
using Probe.Targets;

namespace Probe.Bench.Fill;

/// <summary>Deterministic results shaped like a real round: dns, tcp, tls and http checks over national, international and platform targets.</summary>
internal static class SyntheticResults
{
    private static readonly (string Name, TargetGroup Group, string? Platform)[] Targets =
    [
        .. Enumerable.Range(0, 12).Select(i => ($"national-{i:00}", TargetGroup.National, (string?)null)),
        .. Enumerable.Range(0, 12).Select(i => ($"international-{i:00}", TargetGroup.International, (string?)null)),
        .. new[] { "whatsapp", "facebook", "instagram", "telegram", "tiktok", "x", "youtube", "signal" }
            .Select(p => ($"{p}-web", TargetGroup.Platform, (string?)p)),
    ];

    private static readonly CheckKind[] Kinds = [CheckKind.Dns, CheckKind.Tcp, CheckKind.Tls, CheckKind.Http];

    /// <summary>How many consecutive indices it takes to meet every target with every kind (every series of a lane).</summary>
    public static int Distinct => Targets.Length * Kinds.Length;

    /// <summary>The <paramref name="index"/>-th result; wall time steps 1 ms per result from <paramref name="start"/>, so every point is distinct.</summary>
    public static CheckResult Create(long index, DateTimeOffset start, string bootId)
    {
        var target = Targets[index % Targets.Length];
        var kind = Kinds[index / Targets.Length % Kinds.Length];
        var host = $"www.{target.Name}.example";
        var ok = index % 97 != 0;
        var ms = 5 + (index * 7919 % 300) / 3.0;
        var clock = new ClockReading(start.AddMilliseconds(index), bootId, 1_000_000 + index, Synced: true);
        return new CheckResult
        {
            Target = target.Name,
            Group = target.Group,
            Platform = target.Platform,
            Kind = kind,
            Host = host,
            Resolver = "system",
            QueryType = kind == CheckKind.Dns ? "A" : null,
            Address = kind == CheckKind.Dns ? null : $"192.0.2.{index % 250 + 1}",
            Port = kind == CheckKind.Dns ? null : 443,
            Ok = ok,
            Failure = ok ? null : Failures.GenericTimeout,
            Ms = ms,
            Rcode = kind == CheckKind.Dns ? "NOERROR" : null,
            Answers = kind == CheckKind.Dns ? [$"192.0.2.{index % 250 + 1}"] : [],
            Status = kind == CheckKind.Http && ok ? 200 : null,
            TlsVersion = kind is CheckKind.Tls or CheckKind.Http ? "Tls13" : null,
            Bytes = kind == CheckKind.Http && ok ? 4096 : null,
            Phases = kind == CheckKind.Http ? new Phases(Dns: 2, Connect: 3, Tls: 6, Ttfb: 9, Total: ms) : new Phases(Total: ms),
            Lane = index % 10 == 0 ? Lane.Sentinel : Lane.Round,
            Clock = clock,
        };
    }
}
