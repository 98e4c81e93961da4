using Probe.Checks;
using Probe.Targets;

namespace Probe.Cli;

/// <summary>The lower-case spellings of kinds, groups and lanes used in JSON, tags and tables.</summary>
public static class ContractNames
{
    public static string ToName(this CheckKind kind) => kind switch
    {
        CheckKind.Gateway => "gateway",
        CheckKind.Dns => "dns",
        CheckKind.Tcp => "tcp",
        CheckKind.Tls => "tls",
        CheckKind.Http => "http",
        CheckKind.Throughput => "throughput",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    public static string ToName(this TargetGroup group) => group switch
    {
        TargetGroup.National => "national",
        TargetGroup.International => "international",
        TargetGroup.Platform => "platform",
        _ => throw new ArgumentOutOfRangeException(nameof(group), group, null),
    };

    public static string ToName(this Lane lane) => lane == Lane.Sentinel ? "sentinel" : "round";
}
