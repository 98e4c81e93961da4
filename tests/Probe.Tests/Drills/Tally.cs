using Probe.Tests.Cli;

namespace Probe.Tests.Drills;

/// <summary>One delivery check: where its files are, what upload and export printed, and the count.</summary>
internal sealed record Tally(string Directory, ProbeRun Upload, ProbeRun LineProtocol, ProbeRun Json, string VmExport, DeliveryCount Delivery);
