using Probe.Gpio;
using Probe.Verdicts;

namespace Probe.Status;

/// <summary>Puts the daemon's state on the panel: verdict on the network LEDs, buffer on the upload LED, liveness on the power LED.</summary>
/// <remarks>Only changes reach the panel, so a pattern keeps its phase when the same state is shown again.</remarks>
internal sealed class StatusLeds(ILedPanel panel)
{
    public void ShowVerdict(VerdictState state)
    {
        var (green, red) = NetLedPatterns.For(state);
        Show(Led.NetGreen, green);
        Show(Led.NetRed, red);
    }

    public void ShowUpload(LedPattern pattern) => Show(Led.Upload, pattern);

    /// <summary>Heartbeat while the loops are healthy, dark when one is hung (as if the daemon were dead).</summary>
    public void ShowLiveness(bool healthy) => Show(Led.Power, healthy ? LedPattern.Heartbeat : LedPattern.Off);

    private void Show(Led led, LedPattern pattern)
    {
        if (panel.PatternOf(led) != pattern)
        {
            panel.Show(led, pattern);
        }
    }
}
