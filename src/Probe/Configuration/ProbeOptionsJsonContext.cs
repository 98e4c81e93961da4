using System.Text.Json.Serialization;

namespace Probe.Configuration;

/// <summary>Source-generated JSON metadata for printing the options: no reflection, so the trimmed binary prints them too.</summary>
[JsonSerializable(typeof(ProbeOptions))]
internal sealed partial class ProbeOptionsJsonContext : JsonSerializerContext;
