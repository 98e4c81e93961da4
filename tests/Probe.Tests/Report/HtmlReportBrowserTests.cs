using System.Diagnostics;
using Probe.Localization;
using Probe.Report;
using Probe.Tests.Fixtures;

namespace Probe.Tests.Report;

/// <summary>The HTML report rendered by a real browser (Debian's chromium, headless) to a PNG, read back pixel by pixel.</summary>
[Category("Integration")]
public sealed class HtmlReportBrowserTests
{
    private const long T0 = 1_800_000_000_000;
    private string _dir = "";

    [SetUp]
    public void SetUp() => _dir = Directory.CreateTempSubdirectory("probe-report-html-").FullName;

    [TearDown]
    public void TearDown() => Directory.Delete(_dir, recursive: true);

    [TestCase("en")]
    [TestCase("fr")]
    public async Task Write_CutFromAThirdToTwoThirds_ChromiumDrawsTheCutBandThere(string language)
    {
        var rows = new List<ReportRow>
        {
            Verdict("online", 0), Verdict("international_cut", 200), Verdict("online", 400), Verdict("online", 600),
        };
        var model = await ReportBuilder.BuildAsync(new ListRows(rows), null, null, DateTimeOffset.UnixEpoch, "test", CancellationToken.None);
        var html = Path.Combine(_dir, "report.html");
        await using (var writer = new StreamWriter(html))
        {
            HtmlReportRenderer.Write(writer, model!, new ReportWording(TextCatalog.For(language)));
        }

        // Self-contained: no script, nothing to fetch (the SVG namespace is a name, never fetched).
        var text = (await File.ReadAllTextAsync(html)).Replace("http://www.w3.org/2000/svg", "", StringComparison.Ordinal);
        Assert.That(text, Does.Not.Contain("<script").IgnoreCase.And.Not.Contain("http:").And.Not.Contain("https:").And.Not.Contain("url("));
        var png = Screenshot(html);
        TestContext.AddTestAttachment(png);
        var image = PngImage.Read(png);

        var (bandY, cutStart, cutEnd) = FindRun(image, (0xd6, 0x27, 0x28));
        var (bandStart, bandEnd) = ColouredExtent(image, bandY);
        var width = (double)(bandEnd - bandStart + 1);
        Assert.That((cutStart - bandStart) / width, Is.EqualTo(1.0 / 3).Within(0.01), $"cut band starts at x={cutStart} of {bandStart}..{bandEnd}");
        Assert.That((cutEnd + 1 - bandStart) / width, Is.EqualTo(2.0 / 3).Within(0.01), $"cut band ends at x={cutEnd}");
        Assert.That(image[bandStart + 5, bandY], Is.EqualTo(((byte)0x2e, (byte)0x9e, (byte)0x44)), "online green before the cut");
    }

    private string Screenshot(string html)
    {
        var chromium = FixtureProcess.Require("chromium", "chromium");
        var png = Path.Combine(_dir, "report.png");
        var profile = Directory.CreateDirectory(Path.Combine(_dir, "profile")).FullName;
        var info = new ProcessStartInfo(chromium) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var arg in new[]
        {
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", $"--user-data-dir={profile}", $"--screenshot={png}", "--window-size=1000,900",
            "--hide-scrollbars", new Uri(html).AbsoluteUri,
        })
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info)!;
        var stderr = process.StandardError.ReadToEndAsync();
        _ = process.StandardOutput.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(120)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail("chromium did not finish its screenshot within 120 s");
        }

        Assert.That(File.Exists(png), Is.True, $"chromium wrote no screenshot: {stderr.Result}");
        return png;
    }

    // The first row holding a run of at least 40 pixels of one colour: the state band (strips are 12 px high, slots narrower).
    private static (int Y, int Start, int End) FindRun(PngImage image, (byte, byte, byte) colour)
    {
        for (var y = 0; y < image.Height; y++)
        {
            var start = -1;
            for (var x = 0; x <= image.Width; x++)
            {
                var hit = x < image.Width && image[x, y] == colour;
                if (hit && start < 0)
                {
                    start = x;
                }
                else if (!hit && start >= 0)
                {
                    if (x - start >= 40)
                    {
                        return (y, start, x - 1);
                    }

                    start = -1;
                }
            }
        }

        Assert.Fail("no band of the international_cut colour in the screenshot: the timeline was not drawn");
        return default;
    }

    // The band's row is coloured from its left edge to its right edge; the text left of it is far (label column).
    private static (int Start, int End) ColouredExtent(PngImage image, int y)
    {
        bool Band(int x) => image[x, y] is var (r, g, b) && (r, g, b) is ((0x2e, 0x9e, 0x44) or (0xd6, 0x27, 0x28) or (0xb0, 0xb0, 0xb0));
        var start = Enumerable.Range(0, image.Width).First(Band);
        var end = Enumerable.Range(0, image.Width).Last(Band);
        return (start, end);
    }

    private static ReportRow Verdict(string state, long seconds) =>
        new("probe_verdict", new Dictionary<string, string> { ["probe"] = "p1", ["region"] = "Dakar", ["clock"] = "synced" },
            new Dictionary<string, object> { ["state"] = state, ["findings"] = "[]" }, T0 + (seconds * 1000));
}
