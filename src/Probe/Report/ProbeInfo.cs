namespace Probe.Report;

/// <summary>One probe as its rows describe it (tags of its latest row), and the span of its rows in the window.</summary>
internal sealed record ProbeInfo(string Id, string? Region, string? Isp, long? Asn, string? Access, long FromMs, long ToMs);
