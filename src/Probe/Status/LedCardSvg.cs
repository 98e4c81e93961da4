using System.Globalization;
using System.Text;
using Probe.Gpio;
using Probe.Localization;

namespace Probe.Status;

/// <summary>
/// <c>probe leds card</c>: the LED table (<see cref="LedLegend"/>) drawn as an A5 portrait card, one timing strip per
/// pattern (from <see cref="PatternStrip"/>, the timeline the LEDs play), its meaning and what to do, and the pins of
/// this configuration. Plain SVG in millimetres: no script, no external font or image, so it prints the same anywhere.
/// </summary>
/// <remarks>The groups carry data-* attributes (LED, pattern, pin, segment times) so that tests can read the card back.</remarks>
internal static class LedCardSvg
{
    /// <summary>How much time each strip shows.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromSeconds(2);

    /// <summary>A5 portrait, in millimetres.</summary>
    public const double Width = 148, Height = 210;

    public const string Svg = "http://www.w3.org/2000/svg";

    private const double Margin = 7, StripX = Margin, StripWidth = 27, StripHeight = 4.4, TextX = 37.5, TextWidth = Width - Margin - TextX;
    private const double BodySize = 2.5, LineHeight = 3.05, RowGap = 1.25;
    private const string Sans = "DejaVu Sans, Liberation Sans, Arial, Helvetica, sans-serif";
    private const string Mono = "DejaVu Sans Mono, Liberation Mono, Courier New, monospace";
    private const string Ink = "#1a1a1a", Grey = "#555555";

    /// <summary>The card in <paramref name="catalog"/>'s language.</summary>
    public static SvgNode Render(LedCardInput input, TextCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(catalog);
        var body = new List<SvgNode>
        {
            Line(Margin, 12, catalog["leds.card.title"], 5.4, bold: true),
        };
        var y = 13.0;
        foreach (var line in Paragraph(catalog.Format("leds.card.subtitle", input.ProbeId), CardRunStyle.Regular, Width - (2 * Margin), 3))
        {
            body.Add(TextLine(Margin, y += 3.8, line, 2.9, Ink));
        }

        y += 0.5;
        foreach (var line in Paragraph(catalog["leds.card.legend"], CardRunStyle.Regular, Width - (2 * Margin), 2.6))
        {
            body.Add(TextLine(Margin, y += 3.2, line, 2.5, Grey));
        }

        y += 2;
        foreach (var led in Enum.GetValues<Led>())
        {
            y = Led(body, led, input, catalog, y) + 0.6;
        }

        var notes = new List<string> { catalog["leds.card.note.net"] };
        if (input.ActiveLow)
        {
            notes.Add(catalog["leds.card.note.active-low"]);
        }

        notes.Add(catalog["leds.card.note.more"]);
        foreach (var line in notes.SelectMany(note => Paragraph(note, CardRunStyle.Regular, Width - (2 * Margin), 2.5)))
        {
            body.Add(TextLine(Margin, y += 3.2, line, 2.5, Grey));
        }

        var height = Math.Max(Height, Math.Ceiling(y + Margin));
        return new SvgNode("svg").Attr("xmlns", Svg)
            .Attr("width", Mm(Width)).Attr("height", Mm(height))
            .Attr("viewBox", $"0 0 {N(Width)} {N(height)}").Attr("xml:lang", catalog.Language)
            .Attr("data-window-ms", N(Window.TotalMilliseconds))
            .Add(new SvgNode("title").WithText(catalog["leds.card.title"]))
            .Add(new SvgNode("rect").Attr("width", N(Width)).Attr("height", N(height)).Attr("fill", "#ffffff"))
            .Add(body);
    }

    /// <summary>The card as an indented UTF-8 SVG file's text.</summary>
    public static string Serialize(SvgNode card)
    {
        ArgumentNullException.ThrowIfNull(card);
        var text = new StringBuilder("<?xml version=\"1.0\" encoding=\"utf-8\"?>");
        card.WriteTo(text, indent: true);
        return text.Append('\n').ToString();
    }

    // One LED: a heading band (colour, name, pin), then a row per pattern. Returns the y below it.
    private static double Led(List<SvgNode> body, Led led, LedCardInput input, TextCatalog catalog, double y)
    {
        var colour = LedLegend.ColourOf(led);
        var bcm = input.Pins.PinOf(led);
        var header = HeaderPins.Of(bcm);
        var heading = header is { } pin
            ? catalog.Format("leds.card.led.heading", LedNames.Of(led), catalog[$"leds.card.colour.{ColourKey(colour)}"], bcm, pin)
            : catalog.Format("leds.card.led.heading.off-header", LedNames.Of(led), catalog[$"leds.card.colour.{ColourKey(colour)}"], bcm);
        var group = new SvgNode("g").Attr("data-led", LedNames.Of(led)).Attr("data-pin", N(bcm))
            .Attr("data-header-pin", header is { } p ? N(p) : null)
            .Add(At(new SvgNode("rect"), Margin, y, Width - (2 * Margin), 5.8).Attr("rx", "1").Attr("fill", "#ececec"))
            .Add(new SvgNode("circle").Attr("cx", N(Margin + 3.4)).Attr("cy", N(y + 2.9)).Attr("r", "1.9")
                .Attr("fill", Fill(colour)).Attr("stroke", Ink).Attr("stroke-width", "0.25"))
            .Add(Line(Margin + 6.8, y + 4.1, heading, 3.3, bold: true));
        y += 5.8 + 1.8;
        foreach (var row in LedLegend.Of(led))
        {
            var (element, bottom) = Row(row, catalog, y);
            group.Add(element);
            y = bottom + RowGap;
        }

        body.Add(group);
        return y;
    }

    private static (SvgNode Row, double Bottom) Row(LedLegendRow row, TextCatalog catalog, double y)
    {
        var element = new SvgNode("g").Attr("data-pattern", LedNames.Of(row.Pattern)).Attr("data-key", row.Key)
            .Add(Strip(row, y))
            .Add(Line(StripX, y + StripHeight + 3.5, catalog[$"leds.card.pattern.{LedNames.Of(row.Pattern)}"], 2.3, colour: Grey));
        var runs = CardTextLayout.Parse(catalog[row.MeaningKey], CardRunStyle.Bold)
            .Concat(CardTextLayout.Parse(" → " + catalog[row.ActionKey], CardRunStyle.Regular));
        var text = y + 2.6;
        foreach (var line in CardTextLayout.Wrap(runs, TextWidth, BodySize))
        {
            element.Add(TextLine(TextX, text, line, BodySize, Ink));
            text += LineHeight;
        }

        return (element, Math.Max(y + StripHeight + 4.1, text - LineHeight + 0.8));
    }

    // The strip: a segment per lit or dark stretch, then ticks every half second below it.
    private static SvgNode Strip(LedLegendRow row, double y)
    {
        var scale = StripWidth / Window.TotalMilliseconds;
        var strip = new SvgNode("g").Attr("class", "strip");
        foreach (var segment in PatternStrip.Over(row.Pattern, Window))
        {
            strip.Add(At(new SvgNode("rect"), StripX + (segment.Start.TotalMilliseconds * scale), y, segment.Duration.TotalMilliseconds * scale, StripHeight)
                .Attr("fill", segment.Lit ? Fill(row.Colour) : "#ffffff")
                .Attr("data-lit", segment.Lit ? "true" : "false")
                .Attr("data-start-ms", N(segment.Start.TotalMilliseconds)).Attr("data-end-ms", N(segment.End.TotalMilliseconds)));
        }

        strip.Add(At(new SvgNode("rect"), StripX, y, StripWidth, StripHeight)
            .Attr("fill", "none").Attr("stroke", Ink).Attr("stroke-width", "0.3"));
        for (var ms = 0.0; ms <= Window.TotalMilliseconds; ms += 500)
        {
            var x = N(StripX + (ms * scale));
            var length = ms % 1000 == 0 ? 1.4 : 0.8;
            strip.Add(new SvgNode("line").Attr("x1", x).Attr("x2", x).Attr("y1", N(y + StripHeight))
                .Attr("y2", N(y + StripHeight + length)).Attr("stroke", Ink).Attr("stroke-width", "0.2"));
        }

        return strip;
    }

    private static IReadOnlyList<IReadOnlyList<CardRun>> Paragraph(string text, CardRunStyle style, double width, double size) =>
        CardTextLayout.Wrap(CardTextLayout.Parse(text, style), width, size);

    private static SvgNode Line(double x, double y, string text, double size, bool bold = false, string colour = Ink) =>
        TextLine(x, y, [new CardRun(text, bold ? CardRunStyle.Bold : CardRunStyle.Regular)], size, colour);

    private static SvgNode TextLine(double x, double y, IReadOnlyList<CardRun> runs, double size, string colour)
    {
        var text = new SvgNode("text").Attr("x", N(x)).Attr("y", N(y)).Attr("font-family", Sans)
            .Attr("font-size", N(size)).Attr("fill", colour).Attr("xml:space", "preserve");
        // One tspan per change of style; the spaces are kept as written (xml:space), so nothing may indent inside a line.
        foreach (var group in Merge(runs))
        {
            var span = new SvgNode("tspan");
            if (group.Style == CardRunStyle.Bold)
            {
                span.Attr("font-weight", "bold");
            }
            else if (group.Style == CardRunStyle.Code)
            {
                span.Attr("font-family", Mono);
            }

            text.Add(span.WithText(group.Text));
        }

        return text;
    }

    private static List<(CardRunStyle Style, string Text)> Merge(IReadOnlyList<CardRun> runs)
    {
        var merged = new List<(CardRunStyle Style, string Text)>();
        foreach (var run in runs)
        {
            var text = (run.SpaceBefore ? " " : "") + run.Text;
            if (merged.Count > 0 && merged[^1].Style == run.Style)
            {
                merged[^1] = (run.Style, merged[^1].Text + text);
            }
            else
            {
                merged.Add((run.Style, text));
            }
        }

        return merged;
    }

    private static string ColourKey(LedColour colour) => colour switch
    {
        LedColour.Green => "green",
        LedColour.Red => "red",
        _ => "blue-or-yellow",
    };

    private static string Fill(LedColour colour) => colour switch
    {
        LedColour.Green => "#2e8b3a",
        LedColour.Red => "#c62828",
        _ => "#1e63c4",
    };

    private static SvgNode At(SvgNode rect, double x, double y, double width, double height) =>
        rect.Attr("x", N(x)).Attr("y", N(y)).Attr("width", N(width)).Attr("height", N(height));

    private static string Mm(double value) => N(value) + "mm";

    private static string N(double value) => Math.Round(value, 3).ToString(CultureInfo.InvariantCulture);
}
