using Probe.Targets;

namespace Probe.Tests.Targets;

public sealed class DefaultCatalogTests
{
    private static readonly string[] RestrictedPlatforms = ["whatsapp", "facebook", "instagram", "telegram", "tiktok", "x", "youtube", "signal"];

    /// <summary>The API and CDN hosts the apps use: blocks hit these, not only the home pages.</summary>
    private static readonly string[] PlatformHosts =
    [
        "g.whatsapp.net", "mmg.whatsapp.net", "web.whatsapp.com", "graph.facebook.com", "static.xx.fbcdn.net",
        "i.instagram.com", "scontent.cdninstagram.com", "api.telegram.org", "web.telegram.org", "www.tiktok.com",
        "api.tiktokv.com", "api.twitter.com", "abs.twimg.com", "pbs.twimg.com", "i.ytimg.com",
        "youtubei.googleapis.com", "chat.signal.org", "cdn.signal.org",
    ];

    [Test]
    public void Load_EmbeddedCatalog_HasEveryRestrictedPlatform()
    {
        var catalog = CreateSut();

        var platforms = catalog.Where(t => t.Group == TargetGroup.Platform).Select(t => t.Platform).Distinct();

        Assert.That(platforms, Is.EquivalentTo(RestrictedPlatforms));
    }

    [Test]
    public void Load_EmbeddedCatalog_HasThePlatformsApiAndCdnHosts()
    {
        var hosts = CreateSut().Where(t => t.Group == TargetGroup.Platform).Select(t => t.Host);

        Assert.That(hosts, Is.SupersetOf(PlatformHosts));
    }

    [Test]
    public void Load_EmbeddedCatalog_MarksControlsAndOneHostPerPlatformForThroughput()
    {
        var marked = CreateSut().Where(t => t.Throughput).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(marked.Count(t => t.Group == TargetGroup.National), Is.EqualTo(3));
            Assert.That(marked.Count(t => t.Group == TargetGroup.International), Is.EqualTo(3));
            Assert.That(marked.Where(t => t.Group == TargetGroup.Platform).Select(t => t.Platform), Is.EquivalentTo(RestrictedPlatforms));
            Assert.That(marked, Has.All.Matches<Target>(t => t.Url is not null));
        });
    }

    [Test]
    public void Load_EmbeddedCatalog_PinsTelegramDataCentresOnPort443()
    {
        var dcs = CreateSut().Where(t => t.Name.StartsWith("telegram-dc", StringComparison.Ordinal)).ToList();

        Assert.That(dcs, Has.Count.EqualTo(5));
        Assert.That(dcs, Has.All.Matches<Target>(t => t.Url is null && t.Ports.SequenceEqual([443]) && t.Addresses.Count == 1));
    }

    [Test]
    public void Load_EmbeddedCatalog_HasADozenNationalAndInternationalTargetsWithSentinelsInBoth()
    {
        var catalog = CreateSut();

        Assert.Multiple(() =>
        {
            Assert.That(catalog.Count(t => t.Group == TargetGroup.National), Is.InRange(10, 16));
            Assert.That(catalog.Count(t => t.Group == TargetGroup.International), Is.InRange(10, 16));
            Assert.That(catalog.Count(t => t.Sentinel && t.Group == TargetGroup.National), Is.InRange(2, 4));
            Assert.That(catalog.Count(t => t.Sentinel && t.Group == TargetGroup.International), Is.InRange(2, 4));
            Assert.That(catalog.Where(t => t.Sentinel), Has.None.Matches<Target>(t => t.Group == TargetGroup.Platform));
            Assert.That(catalog.Select(t => t.Host), Does.Contain("www.nic.sn"));
            Assert.That(catalog.Select(t => t.Name), Is.Unique);
            Assert.That(catalog, Has.All.Matches<Target>(t => t.Source == "defaults"));
        });
    }

    [Test]
    public void Read_BrokenRow_IsABugOfTheBuild()
    {
        using var reader = new StringReader("name,group,platform,sentinel,url,host,ports,addresses\nbad,national,,,not-a-url,,,\n");

        var error = Assert.Throws<InvalidOperationException>(() => DefaultCatalog.Read(reader));

        Assert.That(error.Message, Does.Contain("catalog.csv line 2:Url"));
    }

    private static List<Target> CreateSut() => DefaultCatalog.Load();
}
