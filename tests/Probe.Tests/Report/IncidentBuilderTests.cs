using Probe.Report;

namespace Probe.Tests.Report;

public sealed class IncidentBuilderTests
{
    private const long T0 = 1_800_000_000_000;

    [Test]
    public void Build_CutThenOnline_OneClosedIncidentFromChangeToChange()
    {
        var spans = CreateSut([V("online", 0), V("international_cut", 60), V("online", 360)], lastSeen: 900);
        Assert.That(spans, Has.Count.EqualTo(1));
        Assert.That((spans[0].State, spans[0].StartMs, spans[0].EndMs), Is.EqualTo(("international_cut", T0 + 60_000, (long?)(T0 + 360_000))));
    }

    [Test]
    public void Build_LastStateIsACut_OngoingWithNullEnd()
    {
        var spans = CreateSut([V("online", 0), V("full_shutdown", 60)], lastSeen: 600);
        Assert.That(spans.Single().EndMs, Is.Null);
        Assert.That(spans.Single().LastSeenMs, Is.EqualTo(T0 + 600_000));
    }

    [Test]
    public void Build_SameStateCommittedAgainAfterRestart_OneIncident()
    {
        var spans = CreateSut([V("international_cut", 10), V("unknown", 20), V("international_cut", 30), V("online", 90)], lastSeen: 100);
        Assert.That(spans.Select(s => s.State), Is.EqualTo(new[] { "international_cut", "international_cut" }), "unknown between them ends the first");
        var merged = CreateSut([V("international_cut", 10), V("international_cut", 30), V("online", 90)], lastSeen: 100);
        Assert.That(merged.Single().StartMs, Is.EqualTo(T0 + 10_000));
        Assert.That(merged.Single().EndMs, Is.EqualTo(T0 + 90_000));
    }

    [Test]
    public void Build_DuplicateRowsFromTwoExports_CountOnce()
    {
        var rows = new[] { V("platform_block", 10), V("online", 50) };
        Assert.That(CreateSut([.. rows, .. rows], lastSeen: 60), Has.Count.EqualTo(1));
    }

    [Test]
    public void Build_WindowAfterTheIncident_LeavesItOut()
    {
        var verdicts = new[] { V("platform_block", 10), V("online", 50) };
        Assert.That(IncidentBuilder.Build(verdicts, new Dictionary<string, long>(), T0 + 51_000, null), Is.Empty);
        Assert.That(IncidentBuilder.Build(verdicts, new Dictionary<string, long>(), T0 + 20_000, null), Has.Count.EqualTo(1), "overlapping the window's start");
    }

    [Test]
    public void States_WindowInsideACut_StartsWithTheStateCommittedBefore()
    {
        var states = IncidentBuilder.States([V("online", 0), V("international_cut", 100), V("online", 200)], T0 + 150_000, T0 + 300_000);
        Assert.That(states.Select(s => s.State), Is.EqualTo(new[] { "international_cut", "online" }));
        Assert.That(states[1].StartMs, Is.EqualTo(T0 + 200_000));
    }

    [Test]
    public async Task BuildAsync_ChecksDuringTheCut_CountedAsEvidenceWithClockAndPlatforms()
    {
        var rows = new List<ReportRow>
        {
            Verdict("online", 0, "[]"),
            Verdict("platform_block", 100, """[{"state":"platform_block","platform":"whatsapp","targets":["whatsapp-web"],"failure":"connection_reset","kind":"tls"}]"""),
            Verdict("degraded", 200, """[{"state":"degraded","platform":"tiktok","targets":[],"failure":null,"how":"throttling"}]"""),
            Check(50, ok: true, "platform", "whatsapp", null),
            Check(120, ok: false, "platform", "whatsapp", "connection_reset", clock: "corrected"),
            Check(130, ok: false, "platform", "whatsapp", "connection_reset"),
            Check(130, ok: false, "platform", "whatsapp", "connection_reset"), // the same point from a second export
            Check(140, ok: true, "international", null, null, clock: "unsynced"),
            Check(250, ok: true, "platform", "tiktok", null),
        };
        var model = await ReportBuilder.BuildAsync(new ListRows(rows), null, null, DateTimeOffset.UnixEpoch, "test", CancellationToken.None);

        var block = model!.Incidents[0];
        Assert.That(block.State, Is.EqualTo("platform_block"));
        Assert.That(block.Evidence.Checks, Is.EqualTo(3));
        Assert.That(block.Evidence.Failures["connection_reset"], Is.EqualTo(2));
        Assert.That(block.Evidence.Clock, Is.EqualTo(new ClockCounts(Synced: 2, Corrected: 1, Unsynced: 1)), "three checks and the verdict row");
        Assert.That(block.Platforms, Is.EqualTo(new[] { new PlatformHow("whatsapp", "tls") }));
        Assert.That(block.Groups, Does.Contain("platform"));
        var throttled = model.Incidents[1];
        Assert.That((throttled.EndMs, throttled.Platforms.Single().How), Is.EqualTo(((long?)null, "throttling")));
        Assert.That(throttled.DurationS, Is.EqualTo(50));
    }

    [Test]
    public async Task BuildAsync_NoRowInTheWindow_Null()
    {
        var model = await ReportBuilder.BuildAsync(new ListRows([Verdict("online", 0, "[]")]), T0 + 10_000, null, DateTimeOffset.UnixEpoch, "test", CancellationToken.None);
        Assert.That(model, Is.Null);
    }

    private static IReadOnlyList<IncidentSpan> CreateSut(IEnumerable<VerdictRow> verdicts, long lastSeen) =>
        IncidentBuilder.Build(verdicts, new Dictionary<string, long> { ["p1"] = T0 + (lastSeen * 1000) }, null, null);

    private static VerdictRow V(string state, long seconds) => new("p1", T0 + (seconds * 1000), state, [], "synced");

    private static ReportRow Verdict(string state, long seconds, string findings) =>
        new("probe_verdict", new Dictionary<string, string> { ["probe"] = "p1", ["clock"] = "synced" },
            new Dictionary<string, object> { ["state"] = state, ["findings"] = findings }, T0 + (seconds * 1000));

    private static ReportRow Check(long seconds, bool ok, string group, string? platform, string? failure, string clock = "synced")
    {
        var tags = new Dictionary<string, string> { ["probe"] = "p1", ["group"] = group, ["kind"] = "tls", ["target"] = platform ?? group, ["clock"] = clock };
        if (platform is not null)
        {
            tags["platform"] = platform;
        }

        if (failure is not null)
        {
            tags["failure"] = failure;
        }

        return new ReportRow("probe_check", tags, new Dictionary<string, object> { ["ok"] = ok }, T0 + (seconds * 1000));
    }
}
