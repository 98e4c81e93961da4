namespace Probe.Gpio;

/// <summary>One stretch of a pattern: the LED lit or dark for a while (forever for solid and off).</summary>
internal readonly record struct LedStep(bool Lit, TimeSpan Duration);
