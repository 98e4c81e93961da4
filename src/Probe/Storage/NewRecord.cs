using Probe.Clock;

namespace Probe.Storage;

/// <summary>A record about to be stored: its series (measurement and tags without the clock tag), its fields as JSON and the clocks it was taken with.</summary>
internal sealed record NewRecord(RecordKind Kind, string Measurement, string TagsJson, string FieldsJson, ClockReading Clock);
