using Probe.Clock;
using Probe.Targets;

namespace Probe.Checks;

/// <summary>Starts a result from what every check of a target shares.</summary>
internal static class CheckResults
{
    public static CheckResult Start(Target target, CheckKind kind, ClockReading clock, Lane lane) => new()
    {
        Target = target.Name,
        Group = target.Group,
        Platform = target.Platform,
        Kind = kind,
        Host = target.Host,
        Ok = false,
        Lane = lane,
        Clock = clock,
    };

    /// <summary>A check that could not start because resolution failed: it carries the dns failure.</summary>
    public static CheckResult Unresolved(CheckResult start, Resolution resolution) => start with
    {
        Resolver = resolution.Resolver,
        Failure = resolution.Failure,
        Phases = new Phases(Dns: resolution.Ms, Total: resolution.Ms),
        Ms = resolution.Ms ?? 0,
    };
}
