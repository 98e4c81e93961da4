namespace Probe.Gpio.Tests;

public sealed class SmokeTests
{
    [Test]
    public void Assembly_Loads()
    {
        Assert.That(typeof(SmokeTests).Assembly, Is.Not.Null);
    }
}
