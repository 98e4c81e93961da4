namespace Probe.Tests.Drills;

/// <summary>What a scenario plays and expects: the state each cut must commit, how many cuts, and which lanes decide.</summary>
/// <param name="Number">1-8, as in issue 5.</param>
/// <param name="Name">Short name for the table and the artifacts.</param>
/// <param name="CutState">The verdict each cut must commit.</param>
/// <param name="Detection">The lane whose rhythm bounds detection.</param>
/// <param name="Recovery">The lane whose rhythm bounds recovery.</param>
/// <param name="Cuts">How many times the cut is played (curfew: 3).</param>
internal sealed record ScenarioSpec(int Number, string Name, string CutState, DecidingLane Detection, DecidingLane Recovery, int Cuts = 1)
{
    /// <summary>The committed sequence when nothing else happens: the cut's state, then online, per cut.</summary>
    public IReadOnlyList<string> ExpectedVerdicts => Enumerable.Repeat(new[] { CutState, "online" }, Cuts).SelectMany(p => p).ToList();

    public string Slug => $"{Number:00}-{Name.Replace(' ', '-')}";
}
