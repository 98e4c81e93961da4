using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Probe.Gpio;
using Probe.Localization;
using Probe.Status;

namespace Probe.Tests.Status;

/// <summary>The LED card read back as XML and checked against the code's LED table.</summary>
public sealed partial class LedCardSvgTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    [TestCase("en")]
    [TestCase("fr")]
    public void Render_EveryRowOfTheTable_DrawnWithItsTexts(string language)
    {
        var catalog = TextCatalog.For(language);
        var card = Parse(CreateSut(), catalog);

        Assert.Multiple(() =>
        {
            foreach (var row in LedLegend.Rows)
            {
                var group = RowOf(card, row);
                Assert.That(group, Is.Not.Null, $"{LedNames.Of(row.Led)} {LedNames.Of(row.Pattern)} missing");
                var text = Squash(string.Join(" ", group!.Descendants(Svg + "text").Select(t => t.Value)));
                Assert.That(text, Does.Contain(Squash(catalog[row.MeaningKey])), $"{language} meaning of {row.Key}");
                Assert.That(text, Does.Contain(Squash(catalog[row.ActionKey].Replace("`", "", StringComparison.Ordinal))), $"{language} action of {row.Key}");
            }
        });
    }

    [Test]
    public void Render_Strips_SegmentsFollowThePatternTimings()
    {
        var card = Parse(CreateSut(), TextCatalog.English);
        // The LED table's timings (PROBE.md section 2), written out here rather than read from the code that draws them.
        var expectedLit = new Dictionary<LedPattern, (int, int)[]>
        {
            [LedPattern.Off] = [],
            [LedPattern.Solid] = [(0, 2000)],
            [LedPattern.Heartbeat] = [(0, 100), (1000, 1100)],
            [LedPattern.SlowBlink] = [(0, 500), (1000, 1500)],
            [LedPattern.FastBlink] = [.. Enumerable.Range(0, 8).Select(i => (i * 250, (i * 250) + 125))],
            [LedPattern.DoubleBlink] = [(0, 100), (300, 400), (1000, 1100), (1300, 1400)],
        };

        Assert.Multiple(() =>
        {
            foreach (var row in LedLegend.Rows)
            {
                var segments = RowOf(card, row)!.Descendants(Svg + "rect").Where(r => r.Attribute("data-lit") is not null).ToList();
                var lit = segments.Where(r => (string?)r.Attribute("data-lit") == "true")
                    .Select(r => ((int)Ms(r, "data-start-ms"), (int)Ms(r, "data-end-ms"))).ToArray();
                Assert.That(lit, Is.EqualTo(expectedLit[row.Pattern]), row.Key);

                // Drawn where the times say: 2000 ms over the strip's width, segments end to end.
                var first = segments[0];
                var scale = segments.Sum(r => Num(r, "width")) / 2000;
                foreach (var r in segments)
                {
                    Assert.That(Num(r, "x") - Num(first, "x"), Is.EqualTo(Ms(r, "data-start-ms") * scale).Within(0.01), $"{row.Key} x");
                    Assert.That(Num(r, "width"), Is.EqualTo((Ms(r, "data-end-ms") - Ms(r, "data-start-ms")) * scale).Within(0.01), $"{row.Key} width");
                }
            }
        });
    }

    [Test]
    public void Render_ConfiguredPins_ShownForEachLed()
    {
        var input = new LedCardInput("thies-02", new LedPins(5, 6, 13, 19), ActiveLow: true);

        var card = Parse(input, TextCatalog.For("fr"));

        Assert.Multiple(() =>
        {
            foreach (var (led, bcm, header) in new[] { ("power", 5, 29), ("net-green", 6, 31), ("net-red", 13, 33), ("upload", 19, 35) })
            {
                var group = card.Root!.Elements(Svg + "g").Single(g => (string?)g.Attribute("data-led") == led);
                Assert.That((int?)group.Attribute("data-pin"), Is.EqualTo(bcm));
                Assert.That(group.Elements(Svg + "text").First().Value, Does.Contain($"BCM {bcm}, broche {header}"), led);
            }

            Assert.That(card.Root!.Value, Does.Contain("ActiveLow"));
            Assert.That(card.Root!.Value, Does.Contain("thies-02"));
        });
    }

    [TestCase("en")]
    [TestCase("fr")]
    public void Render_DefaultAndActiveLow_FitsAnA5Page(string language)
    {
        foreach (var input in new[] { CreateSut(), CreateSut() with { ActiveLow = true } })
        {
            var card = Parse(input, TextCatalog.For(language));

            Assert.That((string?)card.Root!.Attribute("height"), Is.EqualTo("210mm"), "content taller than A5 portrait");
            Assert.That((string?)card.Root!.Attribute("width"), Is.EqualTo("148mm"));
        }
    }

    [Test]
    public void Render_PlainSvg_NoScriptNoExternalReference()
    {
        var text = LedCardSvg.Serialize(LedCardSvg.Render(CreateSut(), TextCatalog.English));

        Assert.Multiple(() =>
        {
            Assert.That(text, Does.Not.Contain("<script").And.Not.Contain("href").And.Not.Contain("@import").And.Not.Contain("url("));
            Assert.That(() => XDocument.Parse(text), Throws.Nothing);
        });
    }

    [Test]
    public void Render_Html_OnePageHoldingTheSvg()
    {
        var page = LedCardPage.Render(LedCardSvg.Render(CreateSut(), TextCatalog.For("fr")), TextCatalog.For("fr"));

        Assert.Multiple(() =>
        {
            Assert.That(page, Does.StartWith("<!DOCTYPE html>"));
            Assert.That(page, Does.Contain("<html lang=\"fr\">").And.Contain("@media print").And.Contain("<svg"));
            Assert.That(page, Does.Not.Contain("<script").And.Not.Contain("src=").And.Not.Contain("<link"));
            Assert.That(page, Does.Contain("Coupure totale"));
        });
    }

    private static LedCardInput CreateSut() => new("dakar-plateau-01", new LedPins(), ActiveLow: false);

    private static XDocument Parse(LedCardInput input, TextCatalog catalog) =>
        XDocument.Parse(LedCardSvg.Serialize(LedCardSvg.Render(input, catalog)));

    private static XElement? RowOf(XDocument card, LedLegendRow row) =>
        card.Root!.Elements(Svg + "g").SingleOrDefault(g => (string?)g.Attribute("data-led") == LedNames.Of(row.Led))?
            .Elements(Svg + "g").SingleOrDefault(g => (string?)g.Attribute("data-pattern") == LedNames.Of(row.Pattern));

    private static double Ms(XElement e, string name) => Num(e, name);

    private static double Num(XElement e, string name) => double.Parse((string)e.Attribute(name)!, CultureInfo.InvariantCulture);

    private static string Squash(string text) => Spaces().Replace(text.Replace('\u00a0', ' '), " ").Trim();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
