namespace Probe.Verdicts;

/// <summary>What the probe concludes; ordered from least to most severe so that the headline is the maximum.</summary>
public enum VerdictState
{
    Unknown = 0,
    Online = 1,
    Degraded = 2,
    DnsTampering = 3,
    PlatformBlock = 4,
    InternationalCut = 5,
    FullShutdown = 6,
    LocalFault = 7,
}
