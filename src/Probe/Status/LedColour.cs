namespace Probe.Status;

/// <summary>The colour of an LED on the panel as the handbook wires it.</summary>
internal enum LedColour
{
    Green,
    Red,

    /// <summary>The upload LED: whichever of the two the technician had.</summary>
    BlueOrYellow,
}
