namespace Probe.Gpio;

/// <summary>One stretch of a pattern on a time axis: the LED lit or dark from <paramref name="Start"/> to <paramref name="End"/>.</summary>
public readonly record struct PatternSegment(bool Lit, TimeSpan Start, TimeSpan End)
{
    /// <summary>How long the stretch lasts.</summary>
    public TimeSpan Duration => End - Start;
}
