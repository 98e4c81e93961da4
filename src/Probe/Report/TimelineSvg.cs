using System.Globalization;
using System.Net;
using System.Text;

namespace Probe.Report;

/// <summary>
/// One probe's timeline as inline SVG: the committed state band on top, one reachability strip per group or platform
/// below, time ticks under them. Fixed geometry (<see cref="Left"/>, <see cref="Width"/>) so a reader (or a test) can
/// place a moment on it: x = Left + Width × (t − from) / (to − from).
/// </summary>
internal static class TimelineSvg
{
    public const int Left = 130;
    public const int Width = 600;
    public const int BandHeight = 28;
    public const int StripHeight = 12;

    public static string Render(ProbeTimeline timeline, ReportWording words)
    {
        var inv = CultureInfo.InvariantCulture;
        var height = BandHeight + 8 + (timeline.Strips.Count * (StripHeight + 4)) + 24;
        var svg = new StringBuilder();
        svg.Append(inv, $"<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"timeline\" width=\"{Left + Width + 10}\" height=\"{height}\" viewBox=\"0 0 {Left + Width + 10} {height}\">");
        var span = Math.Max(1.0, timeline.ToMs - timeline.FromMs);
        double X(long ms) => Left + (Width * (ms - timeline.FromMs) / span);
        svg.Append(inv, $"<text x=\"0\" y=\"{BandHeight - 9}\" class=\"label\">{WebUtility.HtmlEncode(timeline.Probe)}</text>");
        foreach (var state in timeline.States)
        {
            var x = X(state.StartMs);
            var w = Math.Max(1, X(state.EndMs) - x);
            svg.Append(inv, $"<rect x=\"{x:0.##}\" y=\"0\" width=\"{w:0.##}\" height=\"{BandHeight}\" fill=\"{StateColours.Of(state.State)}\"><title>{WebUtility.HtmlEncode(words.State(state.State))}: {ReportTime.Human(state.StartMs)} – {ReportTime.Human(state.EndMs)}</title></rect>");
        }

        var y = BandHeight + 8;
        foreach (var strip in timeline.Strips)
        {
            svg.Append(inv, $"<text x=\"0\" y=\"{y + StripHeight - 2}\" class=\"strip\">{WebUtility.HtmlEncode(strip.Name)}</text>");
            var slotWidth = (double)Width / strip.Slots.Count;
            for (var i = 0; i < strip.Slots.Count; i++)
            {
                svg.Append(inv, $"<rect x=\"{Left + (i * slotWidth):0.##}\" y=\"{y}\" width=\"{slotWidth + 0.3:0.##}\" height=\"{StripHeight}\" fill=\"{StateColours.Of(strip.Slots[i])}\"/>");
            }

            y += StripHeight + 4;
        }

        for (var tick = 0; tick <= 4; tick++)
        {
            var ms = timeline.FromMs + (long)(span * tick / 4);
            var anchor = tick == 0 ? "start" : tick == 4 ? "end" : "middle";
            svg.Append(inv, $"<text x=\"{X(ms):0.##}\" y=\"{y + 14}\" class=\"tick\" text-anchor=\"{anchor}\">{ReportTime.Human(ms)[5..16]}</text>");
        }

        svg.Append("</svg>");
        return svg.ToString();
    }
}
