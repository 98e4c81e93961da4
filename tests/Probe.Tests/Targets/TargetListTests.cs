using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Probe.Configuration;
using Probe.Targets;
using Probe.Tests.Configuration;

namespace Probe.Tests.Targets;

public sealed class TargetListTests
{
    [Test]
    public void Load_DefaultsFilesAndItems_EachTargetCarriesItsSource()
    {
        using var dir = new ConfigDirectory();
        var file = dir.Write("sn.csv", "url\nhttps://www.example.sn/\n");

        var list = CreateSut(o =>
        {
            o.Targets.Files.Add(new TargetFileOptions { Path = file });
            o.Targets.Items.Add(new TargetItemOptions { Name = "lab", Host = "127.0.0.1", Ports = [8080] });
        });

        var sources = list.All.GroupBy(t => t.Source).ToDictionary(g => g.Key, g => g.Count());
        Assert.Multiple(() =>
        {
            Assert.That(sources.Keys, Is.EqualTo(new[] { "defaults", file, "config" }));
            Assert.That(sources[file], Is.EqualTo(1));
            Assert.That(sources["config"], Is.EqualTo(1));
            Assert.That(list.All[^1], Is.EqualTo(list.All[^1] with { Name = "lab", Host = "127.0.0.1", Url = null, Source = "config" }));
            Assert.That(list.All[^1].Ports, Is.EqualTo(new[] { 8080 }));
        });
    }

    [Test]
    public void Load_ItemNamedLikeADefault_ReplacesItInPlace()
    {
        var defaults = CreateSut(_ => { }).All;
        var position = defaults.ToList().FindIndex(t => t.Name == "google");

        var list = CreateSut(o => o.Targets.Items.Add(new TargetItemOptions { Name = "Google", Url = "http://127.2.0.1:8080/", Group = "international" }));

        Assert.Multiple(() =>
        {
            Assert.That(list.All, Has.Count.EqualTo(defaults.Count));
            Assert.That(list.All[position].Source, Is.EqualTo("config"));
            Assert.That(list.All[position].Url, Is.EqualTo(new Uri("http://127.2.0.1:8080/")));
            Assert.That(list.All[position].Ports, Is.EqualTo(new[] { 8080 }));
            Assert.That(list.Replacements.Single().Replaced.Source, Is.EqualTo("defaults"));
        });
    }

    [Test]
    public void Load_FileRowNamedLikeADefault_ReplacesIt_AndALaterFileReplacesAnEarlierOne()
    {
        using var dir = new ConfigDirectory();
        var first = dir.Write("a.csv", "url\nhttps://github.com/\n");
        var second = dir.Write("b.csv", "url,Group\nhttp://github.com/,international\n");

        var list = CreateSut(o =>
        {
            o.Targets.UseDefaults = false;
            o.Targets.Items.Add(new TargetItemOptions { Name = "github.com", Url = "https://github.com/", Group = "international" });
            o.Targets.Files.Add(new TargetFileOptions { Path = first });
            o.Targets.Files.Add(new TargetFileOptions { Path = second });
        });

        Assert.That(list.All.Single().Source, Is.EqualTo("config"));
        Assert.That(list.Replacements.Select(r => (r.Replaced.Source, r.By.Source)), Is.EqualTo(new[] { (first, second), (second, "config") }));
    }

    [Test]
    public void Load_UrlAndHostItems_DerivePortsAndPinnedAddresses()
    {
        var list = CreateSut(o =>
        {
            o.Targets.UseDefaults = false;
            o.Targets.Items.Add(new TargetItemOptions { Name = "web", Url = "https://127.1.0.1/", Sentinel = true });
            o.Targets.Items.Add(new TargetItemOptions { Name = "plain", Url = "http://[::1]:8080/x" });
            o.Targets.Items.Add(new TargetItemOptions { Name = "dc", Host = "dc.example", Addresses = ["127.3.0.1", "::1"], Group = "platform", Platform = "Telegram" });
        });

        Assert.Multiple(() =>
        {
            Assert.That(list.All.Select(t => (t.Host, t.Ports.Single(), t.IsHttps)), Is.EqualTo(new[]
            {
                ("127.1.0.1", 443, true), ("::1", 8080, false), ("dc.example", 443, false),
            }));
            Assert.That(list.All[2].Addresses, Is.EqualTo(new[] { IPAddress.Parse("127.3.0.1"), IPAddress.IPv6Loopback }));
            Assert.That(list.All[2].Platform, Is.EqualTo("telegram"));
            Assert.That(list.Sentinels.Select(t => t.Name), Is.EqualTo(new[] { "web" }));
        });
    }

    [Test]
    public void Load_NoTargetMarkedSentinel_FirstThreeNationalAndInternationalAre()
    {
        var list = CreateSut(o =>
        {
            o.Targets.UseDefaults = false;
            for (var i = 0; i < 4; i++)
            {
                o.Targets.Items.Add(new TargetItemOptions { Name = $"n{i}", Host = $"127.1.0.{i + 1}", Group = "national" });
                o.Targets.Items.Add(new TargetItemOptions { Name = $"i{i}", Host = $"127.2.0.{i + 1}", Group = "international" });
            }

            o.Targets.Items.Add(new TargetItemOptions { Name = "p", Host = "127.3.0.1", Group = "platform", Platform = "tiktok" });
        });

        Assert.That(list.Sentinels.Select(t => t.Name), Is.EqualTo(new[] { "n0", "i0", "n1", "i1", "n2", "i2" }));
    }

    [Test]
    public void Load_BadItem_ThrowsConfigurationExceptionNamingTheKey()
    {
        var options = new ProbeOptions();
        options.Targets.Items.Add(new TargetItemOptions { Name = "ok", Host = "a.example" });
        options.Targets.Items.Add(new TargetItemOptions { Name = "bad", Url = "https://" });

        var error = Assert.Throws<ConfigurationException>(() => TargetList.Load(options));

        Assert.That(error.Key, Is.EqualTo("Probe:Targets:Items:1:Url"));
    }

    [Test]
    public void AddProbeTargets_RegistersTheListBuiltFromOptions()
    {
        var options = new ProbeOptions();
        options.Targets.UseDefaults = false;
        options.Targets.Items.Add(new TargetItemOptions { Name = "only", Host = "127.0.0.1" });
        using var provider = new ServiceCollection()
            .AddSingleton(Options.Create(options))
            .AddProbeTargets()
            .BuildServiceProvider();

        Assert.That(provider.GetRequiredService<TargetList>().All.Single().Name, Is.EqualTo("only"));
    }

    private static TargetList CreateSut(Action<ProbeOptions> configure)
    {
        var options = new ProbeOptions();
        configure(options);
        return TargetList.Load(options);
    }
}
