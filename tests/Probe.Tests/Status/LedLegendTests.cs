using Probe.Gpio;
using Probe.Localization;
using Probe.Status;
using Probe.Storage;
using Probe.Tests.Hosting;
using Probe.Verdicts;

namespace Probe.Tests.Status;

/// <summary>The LED table says what the LEDs really do.</summary>
public sealed class LedLegendTests
{
    [Test]
    public void Rows_EveryVerdictState_InExactlyOneRowOfTheLitNetLed()
    {
        Assert.Multiple(() =>
        {
            foreach (var state in Enum.GetValues<VerdictState>())
            {
                var (green, red) = NetLedPatterns.For(state);
                var rows = LedLegend.Rows.Where(r => r.States.Contains(state)).ToList();
                Assert.That(rows, Has.Count.EqualTo(1), state.ToString());
                var lit = green != LedPattern.Off ? (Led.NetGreen, green) : (Led.NetRed, red);
                Assert.That((rows[0].Led, rows[0].Pattern), Is.EqualTo(lit), state.ToString());
            }
        });
    }

    [Test]
    public void Rows_Upload_ArePatternsUploadLedPatternsGives()
    {
        var status = (long bytes, long pending) => new StoreStatus(10, bytes, pending, null, 0, 0, null, null, null, 0);
        var given = new[]
        {
            UploadLedPatterns.For(sinkConfigured: false, null, 100),
            UploadLedPatterns.For(true, null, 100),
            UploadLedPatterns.For(true, status(90, 1), 100),
            UploadLedPatterns.For(true, status(10, 1), 100),
            UploadLedPatterns.For(true, status(10, 0), 100),
        };

        Assert.That(LedLegend.Of(Led.Upload).Select(r => r.Pattern), Is.EquivalentTo(given.Distinct()));
    }

    [Test]
    public void Rows_Power_HeartbeatAndDarkAsStatusLedsShowThem()
    {
        var panel = new FakeLedPanel();
        var leds = new StatusLeds(panel);
        leds.ShowLiveness(true);
        var healthy = panel.PatternOf(Led.Power);
        leds.ShowLiveness(false);

        Assert.That(LedLegend.Of(Led.Power).Select(r => r.Pattern), Is.EqualTo(new[] { healthy, panel.PatternOf(Led.Power) }));
    }

    [TestCase("en")]
    [TestCase("fr")]
    public void Rows_EveryKey_InTheCatalog(string language)
    {
        var texts = TextCatalog.For(language).OwnTexts();
        Assert.Multiple(() =>
        {
            foreach (var key in LedLegend.Rows.SelectMany(r => new[] { r.MeaningKey, r.ActionKey })
                .Concat(Enum.GetValues<LedPattern>().Select(p => $"leds.card.pattern.{LedNames.Of(p)}"))
                .Concat(["leds.card.colour.green", "leds.card.colour.red", "leds.card.colour.blue-or-yellow"]))
            {
                Assert.That(texts.ContainsKey(key), Is.True, $"{language} lacks {key}");
            }
        });
    }
}
