using System.Net;
using Probe.Checks;
using Probe.Configuration;

namespace Probe.Tests.Configuration;

public sealed class ResolverOptionsExtensionsTests
{
    [TestCase("127.0.0.53", "127.0.0.53:53")]
    [TestCase("127.0.0.54:5353", "127.0.0.54:5353")]
    [TestCase("::1", "[::1]:53")]
    [TestCase("[::1]:5353", "[::1]:5353")]
    public void EndPoint_AddressForms_ParseWithPort53ByDefault(string address, string expected)
    {
        var resolver = new ResolverOptions { Name = "r", Address = address };

        Assert.That(resolver.EndPoint(), Is.EqualTo(IPEndPoint.Parse(expected)));
    }

    [Test]
    public void EndPoint_System_IsNull()
    {
        var resolver = new ResolverOptions { Name = "system", Address = "System" };

        Assert.That((resolver.IsSystem(), resolver.EndPoint()), Is.EqualTo((true, (IPEndPoint?)null)));
    }
}
