using Probe.Targets;

namespace Probe.Hosting;

/// <summary>The effective target list the daemon measures, read at the start of every cycle.</summary>
public interface ITargetSource
{
    IReadOnlyList<Target> GetTargets();
}
