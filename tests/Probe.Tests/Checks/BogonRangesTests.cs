using System.Net;
using Probe.Checks;

namespace Probe.Tests.Checks;

public sealed class BogonRangesTests
{
    [TestCase("10.0.0.1")]
    [TestCase("172.16.5.4")]
    [TestCase("192.168.0.1")]
    [TestCase("127.0.0.1")]
    [TestCase("169.254.1.1")]
    [TestCase("0.0.0.0")]
    [TestCase("100.64.0.1")]
    [TestCase("100.127.255.254")]
    [TestCase("224.0.0.1")]
    [TestCase("255.255.255.255")]
    [TestCase("::")]
    [TestCase("::1")]
    [TestCase("fe80::1")]
    [TestCase("fd00::1")]
    [TestCase("::ffff:10.1.2.3")]
    public void IsBogon_SpecialRange_True(string address)
    {
        Assert.That(BogonRanges.None.IsBogon(IPAddress.Parse(address)), Is.True);
    }

    [TestCase("41.82.0.1")]
    [TestCase("196.1.95.1")]
    [TestCase("8.8.8.8")]
    [TestCase("100.128.0.1")]
    [TestCase("2001:4860:4860::8888")]
    [TestCase("::ffff:41.82.0.1")]
    public void IsBogon_PublicAddress_False(string address)
    {
        Assert.That(BogonRanges.None.IsBogon(IPAddress.Parse(address)), Is.False);
    }

    [Test]
    public void IsBogon_AllowedRange_False()
    {
        var sut = new BogonRanges([IPNetwork.Parse("127.0.0.0/8")]);

        Assert.Multiple(() =>
        {
            Assert.That(sut.IsBogon(IPAddress.Parse("127.1.0.1")), Is.False);
            Assert.That(sut.IsBogon(IPAddress.Parse("10.0.0.1")), Is.True);
        });
    }
}
