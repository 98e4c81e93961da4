using Probe.Gpio;
using Probe.Status;
using Probe.Tests.Hosting;
using Probe.Verdicts;

namespace Probe.Tests.Status;

public sealed class StatusLedsTests
{
    [Test]
    public void ShowVerdict_SameStateTwice_PanelHearsOnlyChanges()
    {
        var sut = CreateSut(out var panel);

        sut.ShowVerdict(VerdictState.FullShutdown);
        sut.ShowVerdict(VerdictState.FullShutdown);
        sut.ShowVerdict(VerdictState.Online);

        Assert.That(panel.Shown, Is.EqualTo(new[]
        {
            (Led.NetRed, LedPattern.FastBlink),
            (Led.NetGreen, LedPattern.Solid),
            (Led.NetRed, LedPattern.Off),
        }));
    }

    [TestCase(true, LedPattern.Heartbeat)]
    [TestCase(false, LedPattern.Off)]
    public void ShowLiveness_Health_PowerPattern(bool healthy, LedPattern expected)
    {
        var sut = CreateSut(out var panel);
        panel.Show(Led.Power, LedPattern.SlowBlink);

        sut.ShowLiveness(healthy);

        Assert.That(panel.PatternOf(Led.Power), Is.EqualTo(expected));
    }

    private static StatusLeds CreateSut(out FakeLedPanel panel)
    {
        panel = new FakeLedPanel();
        return new StatusLeds(panel);
    }
}
