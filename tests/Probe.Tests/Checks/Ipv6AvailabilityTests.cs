using Probe.Checks;

namespace Probe.Tests.Checks;

public sealed class Ipv6AvailabilityTests
{
    private const string LoopbackOnly = "00000000000000000000000000000001 01 80 10 80       lo\n";
    private const string Global = "2a010e0a000100020000000000000005 02 40 00 00     eth0\n";
    private const string LinkLocal = "fe800000000000000000000000000001 02 40 20 80     eth0\n";
    private const string DefaultRoute = "00000000000000000000000000000000 00 00000000000000000000000000000000 00 fe800000000000000000000000000001 00000400 00000001 00000000 00000003     eth0\n";
    private const string UnreachableDefault = "00000000000000000000000000000000 00 00000000000000000000000000000000 00 00000000000000000000000000000000 ffffffff 00000001 00000000 00200200       lo\n";

    [Test]
    public void Detect_GlobalAddressAndDefaultRoute_True()
    {
        Assert.That(Ipv6Availability.Detect(LoopbackOnly + LinkLocal + Global, DefaultRoute), Is.True);
    }

    [Test]
    public void Detect_OnlyLinkLocal_False()
    {
        Assert.That(Ipv6Availability.Detect(LoopbackOnly + LinkLocal, DefaultRoute), Is.False);
    }

    [Test]
    public void Detect_GlobalAddressButOnlyUnreachableRoute_False()
    {
        Assert.That(Ipv6Availability.Detect(Global, UnreachableDefault), Is.False);
    }

    [Test]
    public void Detect_NoIpv6InKernel_False()
    {
        Assert.That(Ipv6Availability.Detect("", ""), Is.False);
    }
}
