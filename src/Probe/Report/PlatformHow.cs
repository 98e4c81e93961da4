namespace Probe.Report;

/// <summary>A platform an incident affects, and how it was blocked: dns, tcp, tls, http or throttling.</summary>
internal sealed record PlatformHow(string Platform, string How);
