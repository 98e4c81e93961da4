using Probe.Configuration;
using Probe.Targets;
using Probe.Tests.Configuration;

namespace Probe.Tests.Targets;

public sealed class CitizenLabListTests
{
    [Test]
    public void Read_CitizenLabSenegalList_LoadsAll161Rows()
    {
        var path = SharedData.CitizenLabSenegal;

        var targets = CreateSut(path);

        Assert.Multiple(() =>
        {
            Assert.That(targets, Has.Count.EqualTo(161));
            Assert.That(targets.Select(t => t.Name), Is.Unique);
            Assert.That(targets, Has.All.Matches<Target>(t => t.Group == TargetGroup.National && t.Source == path && t.Url is not null));
            Assert.That(targets[0], Is.EqualTo(targets[0] with { Name = "seneweb.com", Host = "www.seneweb.com", Ports = targets[0].Ports }));
            Assert.That(targets[0].Ports, Is.EqualTo(new[] { 443 }));
            Assert.That(targets.Count(t => t.Url!.Scheme == "http"), Is.EqualTo(61));
        });
    }

    [Test]
    public void Read_SameHostTwice_SecondGetsAStableHashSuffix()
    {
        using var dir = new ConfigDirectory();
        var first = dir.Write("a.csv", "url\nhttp://www.apr.sn/\nhttps://apr.sn/\n");
        var second = dir.Write("b.csv", "url\nhttps://other.example/\nhttp://www.apr.sn/\nhttps://apr.sn/\n");

        var a = CreateSut(first).Select(t => t.Name).ToList();
        var b = CreateSut(second).Select(t => t.Name).ToList();

        Assert.That(a[0], Is.EqualTo("apr.sn"));
        Assert.That(a[1], Does.Match("^apr\\.sn-[0-9a-f]{6}$"));
        Assert.That(b.Skip(1), Is.EqualTo(a), "names do not depend on the rows around them");
    }

    [Test]
    public void Read_GroupAndPlatformColumns_OverrideTheFileGroup()
    {
        using var dir = new ConfigDirectory();
        var path = dir.Write("l.csv", "url,category_code,Group,Platform\nhttps://web.whatsapp.com/,GRP,platform,\nhttps://t.me/,GRP,platform,telegram\nhttps://x.example/,NEWS,,\n");

        var targets = CreateSut(path, group: "international");

        Assert.That(targets.Select(t => (t.Group, t.Platform)), Is.EqualTo(new[]
        {
            (TargetGroup.Platform, (string?)"whatsapp"), (TargetGroup.Platform, "telegram"), (TargetGroup.International, null),
        }));
    }

    [Test]
    public void Read_QuotedFieldsCommentsAndBlankLines_AreHandled()
    {
        using var dir = new ConfigDirectory();
        var path = dir.Write("l.csv", "# a comment\nurl,category_code,notes\n\n\"https://a.example/x?a=1,2\",NEWS,\"said \"\"hi\"\", then\nleft\"\nhttps://b.example/,NEWS,\n");

        var targets = CreateSut(path);

        Assert.That(targets.Select(t => t.Url!.AbsoluteUri), Is.EqualTo(new[] { "https://a.example/x?a=1,2", "https://b.example/" }));
    }

    [Test]
    public void Read_NoUrlColumn_IsAProblemNamingTheFileEntry()
    {
        using var dir = new ConfigDirectory();
        var path = dir.Write("l.csv", "address,category\nhttps://a.example/,NEWS\n");
        var problems = new ProblemList();

        CitizenLabList.Read(new TargetFileOptions { Path = path }, "Probe:Targets:Files:2", problems);

        Assert.That(problems.All.Single().Key, Is.EqualTo("Probe:Targets:Files:2"));
        Assert.That(problems.All.Single().Problem, Does.Contain("line 1: no 'url' column"));
    }

    private static List<Target> CreateSut(string path, string? group = null)
    {
        var problems = new ProblemList();
        var targets = CitizenLabList.Read(new TargetFileOptions { Path = path, Group = group }, "Probe:Targets:Files:0", problems);
        Assert.That(problems.All, Is.Empty);
        return targets;
    }
}
