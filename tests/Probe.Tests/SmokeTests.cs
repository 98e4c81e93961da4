using Probe.Verdicts;

namespace Probe.Tests;

public sealed class SmokeTests
{
    [Test]
    public void ToName_PlatformBlock_IsSnakeCase()
    {
        Assert.That(VerdictState.PlatformBlock.ToName(), Is.EqualTo("platform_block"));
    }
}
