namespace Probe.Configuration;

/// <summary>The configuration is invalid; <see cref="Key"/> and <see cref="Problem"/> name the first problem, <see cref="Problems"/> all of them.</summary>
public sealed class ConfigurationException : Exception
{
    public ConfigurationException(IReadOnlyList<ConfigurationProblem> problems)
        : base(FirstOf(problems).ToString())
    {
        Problems = problems;
    }

    public ConfigurationException(string key, string problem)
        : this([new ConfigurationProblem(key, problem)])
    {
    }

    public ConfigurationException()
        : this("Probe", "invalid configuration")
    {
    }

    public ConfigurationException(string message)
        : this("Probe", message)
    {
    }

    public ConfigurationException(string message, Exception innerException)
        : base(message, innerException)
    {
        Problems = [new ConfigurationProblem("Probe", message)];
    }

    /// <summary>The key of the first problem, e.g. <c>Probe:Targets:Items:3:Url</c>.</summary>
    public string Key => Problems[0].Key;

    /// <summary>The first problem in one line, without a stack trace.</summary>
    public string Problem => Problems[0].Problem;

    /// <summary>Every problem found, in the order of the configuration.</summary>
    public IReadOnlyList<ConfigurationProblem> Problems { get; }

    private static ConfigurationProblem FirstOf(IReadOnlyList<ConfigurationProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        return problems.Count > 0 ? problems[0] : throw new ArgumentException("At least one problem is needed.", nameof(problems));
    }
}
