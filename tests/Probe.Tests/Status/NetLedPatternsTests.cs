using Probe.Gpio;
using Probe.Status;
using Probe.Verdicts;

namespace Probe.Tests.Status;

public sealed class NetLedPatternsTests
{
    [TestCase(VerdictState.Online, LedPattern.Solid, LedPattern.Off)]
    [TestCase(VerdictState.Unknown, LedPattern.SlowBlink, LedPattern.Off)]
    [TestCase(VerdictState.InternationalCut, LedPattern.Off, LedPattern.Solid)]
    [TestCase(VerdictState.FullShutdown, LedPattern.Off, LedPattern.FastBlink)]
    [TestCase(VerdictState.LocalFault, LedPattern.Off, LedPattern.DoubleBlink)]
    [TestCase(VerdictState.PlatformBlock, LedPattern.Off, LedPattern.SlowBlink)]
    [TestCase(VerdictState.DnsTampering, LedPattern.Off, LedPattern.SlowBlink)]
    [TestCase(VerdictState.Degraded, LedPattern.Off, LedPattern.SlowBlink)]
    public void For_State_LedTableOfDesign(VerdictState state, LedPattern green, LedPattern red)
    {
        Assert.That(NetLedPatterns.For(state), Is.EqualTo((green, red)));
    }

    [Test]
    public void For_EveryState_HasPatterns()
    {
        Assert.That(() => Enum.GetValues<VerdictState>().Select(NetLedPatterns.For).ToArray(), Throws.Nothing);
    }
}
