using Probe.Clock;
using Probe.Storage.Schema;
using Probe.Storage.Store;

namespace Probe.Storage.Rows;

/// <summary>A row about to be stored: its series (measurement and tags without the clock tag), its fields as stored (<see cref="FieldFormat"/>) and the clocks it was taken with.</summary>
internal sealed record NewRow(RowKind Kind, string Measurement, string TagsJson, byte[] Fields, ClockReading Clock);
