namespace Probe.Gpio;

/// <summary>
/// <c>probe leds test</c>: walks every LED through every pattern, naming each on a writer,
/// so a field technician can check the wiring against the LED table.
/// </summary>
public sealed class LedWalkthrough
{
    /// <summary>How long each pattern shows when the caller does not say.</summary>
    public static readonly TimeSpan DefaultDwell = TimeSpan.FromSeconds(3);

    private readonly ILedPanel _panel;
    private readonly TextWriter _output;
    private readonly TimeProvider _timeProvider;
    private readonly TimeSpan _dwell;
    private readonly string _doneText;

    /// <param name="panel">The LEDs.</param>
    /// <param name="output">Where each LED and pattern is named (names stay English: they are the LED table's).</param>
    /// <param name="timeProvider">The clock the dwell is waited on.</param>
    /// <param name="dwell">How long each pattern shows.</param>
    /// <param name="doneText">The last line, in the caller's language (Probe passes its catalog's text).</param>
    public LedWalkthrough(ILedPanel panel, TextWriter output, TimeProvider timeProvider, TimeSpan? dwell = null, string? doneText = null)
    {
        ArgumentNullException.ThrowIfNull(panel);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentOutOfRangeException.ThrowIfLessThan(dwell ?? DefaultDwell, TimeSpan.Zero, nameof(dwell));
        _panel = panel;
        _output = output;
        _timeProvider = timeProvider;
        _dwell = dwell ?? DefaultDwell;
        _doneText = doneText ?? "all LEDs off: walk-through done";
    }

    /// <summary>The patterns shown on each LED, in order (each LED ends dark).</summary>
    public static IReadOnlyList<LedPattern> Patterns { get; } =
        [LedPattern.Solid, LedPattern.Heartbeat, LedPattern.SlowBlink, LedPattern.FastBlink, LedPattern.DoubleBlink];

    /// <summary>Runs the walk-through; every LED is dark at the end, also when cancelled.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var leds = Enum.GetValues<Led>();
        try
        {
            // One LED at a time, so what lights up can only be the LED being named.
            foreach (var led in leds)
            {
                _panel.Show(led, LedPattern.Off);
            }

            foreach (var led in leds)
            {
                foreach (var pattern in Patterns)
                {
                    await _output.WriteLineAsync($"{LedNames.Of(led),-9} {LedNames.Of(pattern)}").ConfigureAwait(false);
                    await _output.FlushAsync(cancellationToken).ConfigureAwait(false);
                    _panel.Show(led, pattern);
                    await Task.Delay(_dwell, _timeProvider, cancellationToken).ConfigureAwait(false);
                }

                _panel.Show(led, LedPattern.Off);
            }

            await _output.WriteLineAsync(_doneText).ConfigureAwait(false);
        }
        finally
        {
            foreach (var led in leds)
            {
                _panel.Show(led, LedPattern.Off);
            }
        }
    }
}
