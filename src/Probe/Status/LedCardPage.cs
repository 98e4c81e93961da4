using System.Text;
using Probe.Localization;

namespace Probe.Status;

/// <summary><c>probe leds card --format html</c>: the SVG card inside one self-contained page, with CSS that prints it on one A5 or A4 sheet.</summary>
internal static class LedCardPage
{
    /// <summary>The page, the card inlined (no script, nothing fetched).</summary>
    public static string Render(SvgNode card, TextCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(card);
        ArgumentNullException.ThrowIfNull(catalog);
        var title = catalog["leds.card.title"];
        return $$"""
            <!DOCTYPE html>
            <html lang="{{catalog.Language}}">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{{Escape(title)}}</title>
            <style>
            html, body { margin: 0; background: #f4f4f4; font-family: "DejaVu Sans", "Liberation Sans", Arial, Helvetica, sans-serif; }
            .hint { max-width: 148mm; margin: 6mm auto 3mm; font-size: 11pt; color: #333; }
            .card { display: block; width: 148mm; height: auto; margin: 0 auto 8mm; background: #fff; box-shadow: 0 0 2mm #bbb; }
            @page { margin: 8mm; }
            @media print {
              html, body { background: #fff; }
              .hint { display: none; }
              .card { width: auto; height: calc(100vh - 1mm); max-width: 100%; margin: 0 auto; box-shadow: none; page-break-inside: avoid; break-inside: avoid; }
            }
            </style>
            </head>
            <body>
            <p class="hint">{{Escape(catalog["leds.card.html.hint"])}}</p>
            {{Inline(card)}}
            </body>
            </html>

            """;
    }

    // The SVG element alone (no XML declaration), marked for the page's CSS.
    private static string Inline(SvgNode card)
    {
        var svg = new StringBuilder();
        card.Copy().Attr("class", "card").WriteTo(svg, indent: false);
        return svg.ToString();
    }

    private static string Escape(string text)
    {
        var escaped = new StringBuilder();
        SvgNode.Escape(escaped, text, attribute: false);
        return escaped.ToString();
    }
}
