using System.Collections.Immutable;

namespace Probe.Gpio;

/// <summary>A pattern unrolled over a window of time, from the very timeline the LEDs play, for drawings such as the LED card.</summary>
public static class PatternStrip
{
    /// <summary>The lit and dark stretches of <paramref name="pattern"/> from its start to <paramref name="window"/>, neighbours of the same kind merged.</summary>
    public static ImmutableArray<PatternSegment> Over(LedPattern pattern, TimeSpan window)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(window, TimeSpan.Zero, nameof(window));
        var steps = PatternTimeline.Of(pattern);
        var segments = ImmutableArray.CreateBuilder<PatternSegment>();
        var at = TimeSpan.Zero;
        for (var i = 0; at < window; i = (i + 1) % steps.Length)
        {
            var step = steps[i];
            var end = step.Duration == Timeout.InfiniteTimeSpan || at + step.Duration > window ? window : at + step.Duration;
            if (segments.Count > 0 && segments[^1].Lit == step.Lit)
            {
                segments[^1] = segments[^1] with { End = end };
            }
            else
            {
                segments.Add(new PatternSegment(step.Lit, at, end));
            }

            at = end;
        }

        return segments.ToImmutable();
    }
}
