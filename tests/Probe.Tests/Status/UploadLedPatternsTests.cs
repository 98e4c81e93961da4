using Probe.Gpio;
using Probe.Status;
using Probe.Storage;

namespace Probe.Tests.Status;

public sealed class UploadLedPatternsTests
{
    private const long MaxBytes = 1000;

    [TestCase(false, 0, 5, LedPattern.Off, TestName = "For_NoSink_Off")]
    [TestCase(true, 100, 0, LedPattern.Solid, TestName = "For_AllDelivered_Solid")]
    [TestCase(true, 100, 5, LedPattern.SlowBlink, TestName = "For_Backlog_SlowBlink")]
    [TestCase(true, 799, 5, LedPattern.SlowBlink, TestName = "For_JustUnder80Percent_SlowBlink")]
    [TestCase(true, 800, 5, LedPattern.FastBlink, TestName = "For_80PercentFull_FastBlink")]
    public void For_Figures_Pattern(bool sink, long bytes, long pending, LedPattern expected)
    {
        var status = new StoreStatus(10, bytes, pending, null, 0, 0, null, null, null, 10 - pending);

        Assert.That(UploadLedPatterns.For(sink, status, MaxBytes), Is.EqualTo(expected));
    }

    [Test]
    public void For_StoreError_FastBlink()
    {
        Assert.That(UploadLedPatterns.For(true, null, MaxBytes), Is.EqualTo(LedPattern.FastBlink));
    }
}
