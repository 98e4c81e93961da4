namespace Probe.Checks;

/// <summary>Which schedule produced a result: the cheap sentinel lane or a full round.</summary>
public enum Lane
{
    Round,
    Sentinel,
}
