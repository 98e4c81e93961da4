using System.Collections.Immutable;
using Probe.Gpio;
using Probe.Verdicts;

namespace Probe.Status;

/// <summary>One line of the LED table: an LED showing a pattern, what that means and what to do (texts in the catalog).</summary>
/// <param name="Led">The LED.</param>
/// <param name="Colour">Its colour.</param>
/// <param name="Pattern">What it shows.</param>
/// <param name="Key">The row's name in the catalog: <c>leds.card.KEY.meaning</c> and <c>leds.card.KEY.action</c>.</param>
/// <param name="States">For the network LEDs, the verdict states this row stands for; empty otherwise.</param>
internal sealed record LedLegendRow(Led Led, LedColour Colour, LedPattern Pattern, string Key, ImmutableArray<VerdictState> States)
{
    /// <summary>The catalog key of what the pattern means.</summary>
    public string MeaningKey => $"leds.card.{Key}.meaning";

    /// <summary>The catalog key of what to do about it.</summary>
    public string ActionKey => $"leds.card.{Key}.action";
}
