namespace Probe.Status;

/// <summary>How a run of card text is set: the meaning in bold, what to do in regular type, commands in monospace.</summary>
internal enum CardRunStyle
{
    Regular,
    Bold,
    Code,
}
