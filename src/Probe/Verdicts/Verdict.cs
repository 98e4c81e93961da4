namespace Probe.Verdicts;

/// <summary>The headline state (the most severe that holds) and every finding that holds.</summary>
public sealed record Verdict(VerdictState State, IReadOnlyList<Finding> Findings)
{
    public static Verdict Unknown { get; } = new(VerdictState.Unknown, []);
}
