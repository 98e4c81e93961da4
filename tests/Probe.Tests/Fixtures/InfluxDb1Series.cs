using System.Text.Json;

namespace Probe.Tests.Fixtures;

/// <summary>One series of an InfluxQL answer: name, group-by tags, columns and rows (time as epoch ms).</summary>
internal sealed record InfluxSeries(
    string Name,
    IReadOnlyDictionary<string, string> Tags,
    IReadOnlyList<string> Columns,
    IReadOnlyList<IReadOnlyList<JsonElement>> Values)
{
    public JsonElement Cell(int row, string column) => Values[row][Columns.ToList().IndexOf(column)];
}
