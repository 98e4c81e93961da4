namespace Probe.Configuration;

/// <summary>Collects every problem of one validation pass so a volunteer fixes them all in one edit.</summary>
internal sealed class ProblemList
{
    private readonly List<ConfigurationProblem> _problems = [];

    public int Count => _problems.Count;

    public IReadOnlyList<ConfigurationProblem> All => _problems;

    public void Add(string key, string problem) => _problems.Add(new ConfigurationProblem(key, problem));

    public void ThrowIfAny()
    {
        if (_problems.Count > 0)
        {
            throw new ConfigurationException([.. _problems]);
        }
    }
}
