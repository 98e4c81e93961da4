namespace Probe.Tests.Fixtures;

/// <summary>One series read back from VictoriaMetrics' /api/v1/export: metric name (measurement_field), labels, samples.</summary>
internal sealed record VmSeries(string Name, IReadOnlyDictionary<string, string> Labels, double[] Values, long[] Timestamps);
