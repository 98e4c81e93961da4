namespace Probe.Targets;

/// <summary>What a target stands for in the verdict: a Senegalese site, an international control, or a platform.</summary>
public enum TargetGroup
{
    National,
    International,
    Platform,
}
