namespace Probe.Configuration;

/// <summary>One thing wrong with the configuration: the key it is about and what is wrong, in one line.</summary>
/// <param name="Key">The configuration key (<c>Probe:Targets:Items:3:Url</c>), or the file when the file itself is the problem.</param>
/// <param name="Problem">What is wrong, for a volunteer editing JSON by hand.</param>
public sealed record ConfigurationProblem(string Key, string Problem)
{
    public override string ToString() => $"{Key}: {Problem}";
}
