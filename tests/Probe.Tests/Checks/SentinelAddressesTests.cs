using System.Net;
using Microsoft.Extensions.Time.Testing;
using Probe.Checks;

namespace Probe.Tests.Checks;

public sealed class SentinelAddressesTests
{
    private static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(10);
    private static readonly Resolution Resolved = new(IPAddress.Parse("192.0.2.7"), null, 12.5, "system");

    [Test]
    public void Recall_WithinMaxAge_RoundAddressWithoutDnsTime()
    {
        var (sut, time) = CreateSut();
        sut.Remember("news.test", Resolved);
        time.Advance(MaxAge);

        Assert.That(sut.Recall("NEWS.test"), Is.EqualTo(Resolved with { Ms = null }));
    }

    [Test]
    public void Recall_PastMaxAge_Null()
    {
        var (sut, time) = CreateSut();
        sut.Remember("news.test", Resolved);
        time.Advance(MaxAge + TimeSpan.FromSeconds(1));

        Assert.That(sut.Recall("news.test"), Is.Null);
    }

    [Test]
    public void Recall_LastRoundFailedToResolve_Null()
    {
        var (sut, _) = CreateSut();
        sut.Remember("news.test", Resolved);
        sut.Remember("news.test", new Resolution(null, Failures.DnsNxdomain, 3, "system"));

        Assert.That(sut.Recall("news.test"), Is.Null);
    }

    [Test]
    public void Recall_NeverResolved_Null()
    {
        var (sut, _) = CreateSut();

        Assert.That(sut.Recall("news.test"), Is.Null);
    }

    private static (SentinelAddresses Sut, FakeTimeProvider Time) CreateSut()
    {
        var time = new FakeTimeProvider();
        return (new SentinelAddresses(time, MaxAge), time);
    }
}
