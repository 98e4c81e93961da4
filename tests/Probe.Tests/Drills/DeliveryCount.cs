namespace Probe.Tests.Drills;

/// <summary>
/// What reached the analysts' store: check results the probe made in a window, how many of them the store holds
/// (every numeric and boolean field, at its timestamp, under its tags), and samples the store holds twice or that no
/// stored row explains (a row sent under a second identity). Lost lists the first missing samples for the message.
/// </summary>
internal sealed record DeliveryCount(int Made, int Delivered, int Doubled, int AllRowsBeforeUpload, int AllRowsMissing, IReadOnlyList<string> Lost, IReadOnlyList<string> Unexplained)
{
    public override string ToString() =>
        $"{Made} check results made in the window, {Delivered} delivered, {Doubled} doubled; " +
        $"{AllRowsMissing} of {AllRowsBeforeUpload} rows made before the upload missing in VictoriaMetrics" +
        (Lost.Count == 0 ? "" : $"; first missing: {string.Join(" | ", Lost)}") +
        (Unexplained.Count == 0 ? "" : $"; unexplained in VictoriaMetrics: {string.Join(" | ", Unexplained)}");
}
