using System.Collections;
using Probe.Configuration;

namespace Probe.Tests.Configuration;

/// <summary>A temporary directory holding a probe.json and whatever files it points at; deleted on dispose.</summary>
internal sealed class ConfigDirectory : IDisposable
{
    public ConfigDirectory()
    {
        Path = Directory.CreateTempSubdirectory("probe-config-").FullName;
    }

    public string Path { get; }

    public string ConfigFile => System.IO.Path.Combine(Path, "probe.json");

    /// <summary>Writes a file in the directory and returns its full path.</summary>
    public string Write(string name, string text)
    {
        var file = System.IO.Path.Combine(Path, name);
        File.WriteAllText(file, text);
        return file;
    }

    /// <summary>Writes probe.json with <paramref name="probeBody"/> inside <c>{ "Probe": { … } }</c>; "{dir}" stands for this directory.</summary>
    public string WriteProbe(string probeBody) =>
        Write("probe.json", "{ \"Probe\": { " + probeBody.Replace("{dir}", Path, StringComparison.Ordinal) + " } }");

    public ProbeConfiguration Load(IDictionary? environment = null) =>
        ProbeConfiguration.Load(ConfigFile, pathExplicit: true, environment ?? new Hashtable());

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
