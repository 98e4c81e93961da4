namespace Probe.Report;

/// <summary>A stored probe_verdict row: the committed state, its findings and the row's clock tag.</summary>
internal sealed record VerdictRow(string Probe, long TimestampMs, string State, IReadOnlyList<FindingRow> Findings, string? Clock);

/// <summary>
/// One finding of a verdict's findings JSON. <c>how</c> is read from "how" (the throttling finding) or else "kind" (dns,
/// tcp, tls, http); a finding may name a group instead of a platform.
/// </summary>
internal sealed record FindingRow(string State, string? Platform, string? Group, string? How, IReadOnlyList<string> Targets, string? Failure);
